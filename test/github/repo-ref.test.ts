import { describe, expect, it } from 'vitest';
import { repoRefFromRemote } from '../../src/github/repo-ref.js';

/** The repository a clone's origin names, when GITHUB_REPOSITORY does not say. */
describe('repoRefFromRemote', () => {
  it('reads the forms GitHub gives for a clone URL', () => {
    for (const url of [
      'https://github.com/acme/access.git',
      'https://github.com/acme/access',
      'https://x-access-token@github.com/acme/access.git',
      'git@github.com:acme/access.git',
      'ssh://git@github.com/acme/access.git',
      'ssh://git@GitHub.com:22/acme/access',
    ])
      expect(repoRefFromRemote(url, 'github.com'), url).toEqual({ owner: 'acme', repo: 'access' });
    expect(repoRefFromRemote('https://ghe.example.com/acme/access.git', 'ghe.example.com')).toEqual(
      { owner: 'acme', repo: 'access' },
    );
  });

  it('names nothing for another host, a path, or a name GitHub would not have', () => {
    for (const url of [
      'https://gitlab.com/acme/access.git',
      'https://github.com.evil.example/acme/access.git',
      'https://evil.example/github.com/acme/access.git',
      '/srv/git/access.git',
      'https://github.com/acme/sub/access.git',
      'https://github.com/-acme/access.git',
      'git@github.com:acme/...git',
    ])
      expect(repoRefFromRemote(url, 'github.com'), url).toBeNull();
  });
});
