import { CreateAgentBodySchema, type DirectoryConflict } from '@callflow/schemas';
import { ApiError } from '../../api/http';
import { agentBody, agentFormValues } from './agents/agent-values';
import { feedbackOf, placeIssues, validateWith } from './form-feedback';

const values = { name: '', vacation: { enabled: true, from: '', forwardTo: { type: 'agent', agentId: '' } }, skills: [{ skill: 'x', level: 1 }], hours: '09:00-08:00' };

describe('placing issues on form fields', () => {
  it('puts an issue on its field, the first message per field', () => {
    const { fieldErrors, rest } = placeIssues(
      [
        { path: 'vacation.forwardTo.agentId', message: 'no agent "ghost"' },
        { path: 'skills.0.level', message: 'too big' },
        { path: 'skills.0.level', message: 'second message' },
      ],
      values,
    );
    expect(fieldErrors).toEqual({ 'vacation.forwardTo.agentId': 'no agent "ghost"', 'skills.0.level': 'too big' });
    expect(rest).toEqual([]);
  });

  it('puts an issue inside a text value on the input holding the text', () => {
    expect(placeIssues([{ path: 'hours.0.close', message: 'close must be later' }], values).fieldErrors).toEqual({ hours: 'close must be later' });
  });

  it('keeps what no field shows apart: the whole body, unknown fields', () => {
    const { fieldErrors, rest } = placeIssues(
      [
        { path: '(body)', message: 'nothing to change' },
        { path: 'weight', message: 'too heavy' },
        { path: 'skills.3.level', message: 'no such row' },
      ],
      values,
    );
    expect(fieldErrors).toEqual({});
    expect(rest.map((issue) => issue.path)).toEqual(['(body)', 'weight', 'skills.3.level']);
  });

  it('speaks of missing numbers and choices in plain words', () => {
    expect(placeIssues([{ path: 'name', message: 'Invalid input: expected string, received undefined' }], values).fieldErrors).toEqual({ name: 'required' });
    expect(placeIssues([{ path: 'name', message: 'Invalid input: expected number, received NaN' }], values).fieldErrors).toEqual({ name: 'enter a number' });
  });
});

describe("the form's own check with the API's schema", () => {
  const check = validateWith(CreateAgentBodySchema, agentBody);

  it('passes a complete agent', () => {
    const complete = { ...agentFormValues(null, 'Europe/Paris'), name: 'Ann', extension: '101', endpoint: { type: 'sandbox' as const, id: 'ann-phone', uri: '', credentialId: '' } };
    expect(check(complete)).toEqual({});
  });

  it("names each field the schema refuses, with the schema's message", () => {
    const form = agentFormValues(null, 'Europe/Paris');
    form.extension = '1';
    form.vacation = { ...form.vacation, enabled: true, from: '2026-07-10', to: '2026-07-01' };
    form.skills = [{ skill: 'billing', level: 4 }, { skill: 'billing', level: 11 }];
    expect(check(form)).toEqual({
      name: 'name must not be empty',
      extension: 'expected an extension of 2 to 6 digits',
      'endpoint.id': 'choose one',
      'skills.1.level': 'Too big: expected number to be <=10',
      'skills.1.skill': 'skill "billing" is listed twice',
      'vacation.to': '"to" must not be before "from"',
    });
  });
});

describe('API refusals on the form', () => {
  it('maps the issues of a 400 onto fields, and lists those without a field', () => {
    const error = new ApiError(400, 'vacation.forwardTo.agentId: no agent ghost; (body): odd', [
      { path: 'vacation.forwardTo.agentId', message: 'no agent ghost' },
      { path: '(body)', message: 'odd' },
    ]);
    expect(feedbackOf(error, values)).toEqual({
      fieldErrors: { 'vacation.forwardTo.agentId': 'no agent ghost' },
      problem: { title: 'Not saved', message: 'The server refused some values.', details: ['odd'] },
    });
  });

  it('names what a 409 conflicts with, and marks a taken extension on its field', () => {
    const body: DirectoryConflict = {
      statusCode: 409,
      error: 'Conflict',
      message: 'The extension 101 is already used by agent "Bob" (bob)',
      conflicts: [{ type: 'agent', id: 'bob', name: 'Bob', detail: 'extension 101' }],
    };
    const feedback = feedbackOf(new ApiError(409, body.message, [], body), { extension: '101' });
    expect(feedback.fieldErrors).toEqual({ extension: 'taken by Agent “Bob”' });
    expect(feedback.problem).toEqual({ title: 'Conflict', message: body.message, details: ['Agent “Bob”: extension 101'] });
  });

  it('says a refused role plainly, and anything else as the server put it', () => {
    expect(feedbackOf(new ApiError(403, 'Only owners can add owners'), {}).problem).toEqual({ title: 'Not allowed', message: 'Only owners can add owners', details: [] });
    expect(feedbackOf(new ApiError(0, 'The server cannot be reached'), {}).problem?.message).toBe('The server cannot be reached');
  });
});
