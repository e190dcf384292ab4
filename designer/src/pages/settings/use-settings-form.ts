import { useForm, type UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import type { z } from 'zod';
import { feedbackOf, validateWith, type FieldErrors, type FormProblem } from './form-feedback';

export interface SettingsFormOptions<Values, Body> {
  initialValues: Values;
  /** The schema the API validates the body with. */
  schema: z.ZodType<Body>;
  /** The form's values as the request body (empty inputs become null, and so on). */
  toBody(values: Values): unknown;
  onSubmit(body: Body): Promise<void>;
  /** Checks the schema cannot make (text that does not parse into the body), by field. */
  check?(values: Values): FieldErrors;
}

export interface SettingsForm<Values> {
  form: UseFormReturnType<Values>;
  /** For the `<form onSubmit>`: checks with the schema, then sends; API refusals land on the fields or in `problem`. */
  submit: (event?: React.FormEvent<HTMLFormElement>) => void;
  problem: FormProblem | null;
  saving: boolean;
}

/** A settings form checked with the API's zod schema, whose 400 issues and 409 conflicts are shown where they belong. */
export function useSettingsForm<Values extends object, Body>({ initialValues, schema, toBody, onSubmit, check }: SettingsFormOptions<Values, Body>): SettingsForm<Values> {
  const validate = validateWith(schema, toBody);
  const form = useForm<Values>({ mode: 'controlled', initialValues, validate: (values) => ({ ...validate(values), ...check?.(values) }) });
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = form.onSubmit(async (values) => {
    setProblem(null);
    setSaving(true);
    try {
      await onSubmit(schema.parse(toBody(values)));
    } catch (error) {
      const feedback = feedbackOf(error, values);
      form.setErrors(feedback.fieldErrors);
      setProblem(feedback.problem);
    } finally {
      setSaving(false);
    }
  });
  return { form, submit, problem, saving };
}
