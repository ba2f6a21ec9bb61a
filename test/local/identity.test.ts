import { describe, expect, it } from 'vitest';
import { loginOf } from '../../src/local/identity.js';

describe('loginOf: a git identity read as a GitHub login', () => {
  it.each([
    ['Alice Smith', 'alice@users.noreply.github.com', 'alice'],
    ['Alice Smith', '1234567+Alice@users.noreply.github.com', 'alice'],
    ['Alice Smith', '1234567+alice@USERS.NOREPLY.GITHUB.COM', 'alice'],
    ['Carol', 'carol@example.com', 'carol'],
    ['bob-x', 'someone@example.com', 'bob-x'],
  ])('%s <%s> is %s', (name, email, login) => {
    expect(loginOf(name, email)).toBe(login);
  });

  it.each([
    ['Alice Smith', 'alice@example.com'],
    ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'],
    ['-bob', 'bob@example.com'],
    ['bob--', 'bob@example.com'],
    ['аlice', 'alice@example.com'], // Cyrillic а
    ['x'.repeat(40), 'x@example.com'],
    ['', ''],
    ['Eve Doe', 'eve@users.noreply.github.com.evil.example'], // not GitHub's domain
  ])('%s <%s> is no login', (name, email) => {
    expect(loginOf(name, email)).toBeNull();
  });
});
