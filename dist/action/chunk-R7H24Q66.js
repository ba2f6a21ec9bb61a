import { createRequire as __grantopsCreateRequire } from 'node:module'; const require = __grantopsCreateRequire(import.meta.url);
import {
  ConfigError
} from "./chunk-AEA6CW7H.js";
import {
  quote
} from "./chunk-KLQUP7ME.js";

// src/core/identity.ts
var DEFAULT_LOGIN_TEMPLATE = "{login}";
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
function identityFor(config, login) {
  const lower = login.toLowerCase();
  const users = config.settings.users;
  const override = users && Object.hasOwn(users, lower) ? users[lower] : void 0;
  let identity;
  let from;
  if (override !== void 0) {
    if (typeof override !== "string") {
      throw new ConfigError(
        `Provider ${quote(config.name)}: users.${lower} must be a string (the identity at the provider). Write it as text, e.g. ${lower}: ${lower}@example.com.`
      );
    }
    identity = override;
    from = `its users.${lower} override`;
  } else {
    const template = config.settings.login ?? DEFAULT_LOGIN_TEMPLATE;
    if (typeof template !== "string") {
      throw new ConfigError(
        `Provider ${quote(config.name)}: login must be a template string such as "{login}".`
      );
    }
    identity = template.replaceAll("{login}", lower);
    from = `its login template ${quote(template)}`;
  }
  if (identity.trim() === "") {
    throw new ConfigError(
      `Provider ${quote(config.name)} maps GitHub login ${quote(lower)} to an empty identity (from ${from}). Give a non-empty identity, e.g. "{login}".`
    );
  }
  if (CONTROL.test(identity)) {
    throw new ConfigError(
      `Provider ${quote(config.name)} maps GitHub login ${quote(lower)} to ${quote(identity)}, which contains control characters (from ${from}). Fix the login template or the users override: identities must be printable text.`
    );
  }
  return identity;
}

export {
  identityFor
};
