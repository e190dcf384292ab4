import { speechSecs, wordsSpokenIn } from './timing';

describe('speech timing', () => {
  it('takes words / 2.5 seconds to say, SSML tags ignored, at least 0.4 s', () => {
    expect(speechSecs('one two three four five')).toBe(2);
    expect(speechSecs('<speak>one <break time="1s"/> two</speak>')).toBe(0.8);
    expect(speechSecs('hi')).toBe(0.4);
  });

  it('cuts text to the words said in a time', () => {
    expect(wordsSpokenIn('one two three four five', 0.8)).toBe('one two');
    expect(wordsSpokenIn('one two three', 10)).toBe('one two three');
    expect(wordsSpokenIn('one two three', 0.1)).toBe('');
  });
});
