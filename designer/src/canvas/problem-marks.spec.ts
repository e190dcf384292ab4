import { createProblemMarks } from './problem-marks';

describe('problem marks', () => {
  it('gives each node its worst problem and tells subscribers when a new validation is shown, not the same one again', () => {
    const first = new Map([['menu', 'error' as const]]);
    const marks = createProblemMarks(first);
    const notified: string[] = [];
    marks.subscribe(() => notified.push(marks.severityOf('menu') ?? 'none'));
    expect(marks.severityOf('menu')).toBe('error');
    expect(marks.severityOf('bye')).toBeNull();

    marks.show(first);
    expect(notified).toEqual([]);
    marks.show(new Map([['bye', 'warning' as const]]));
    expect(notified).toEqual(['none']);
    expect(marks.severityOf('bye')).toBe('warning');
  });
});
