import type { AccountAssignmentOperationStatus } from '@aws-sdk/client-sso-admin';
import { ExternalError } from '../../core/errors.js';

/**
 * The asynchronous side of IAM Identity Center. Creating or deleting an account assignment only
 * starts a request (`IN_PROGRESS`); its outcome is read by polling the request's status until
 * `SUCCEEDED` or `FAILED`. Writes that follow one another closely may be refused with
 * `ConflictException` ("a previous write did not have time to propagate"), which AWS says to
 * retry with back-off; the SDK's own retries do not cover it.
 */

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Patience {
  sleep: Sleep;
  /** Status checks before giving up on a request still IN_PROGRESS. */
  maxPolls: number;
  /** Retries of a write refused with ConflictException. */
  maxConflictRetries: number;
}

/** 1 s, 2 s, 4 s, 8 s, then 10 s: most assignments settle within seconds, a few take a minute. */
export const backoff = (attempt: number) => Math.min(1000 * 2 ** attempt, 10_000);

export function errorName(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null ? (e as { name?: string }).name : undefined;
}

/** Runs a write, retrying it while Identity Center answers ConflictException. */
export async function retryConflicts<T>(
  patience: Patience,
  doing: string,
  write: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (errorName(e) !== 'ConflictException') throw e;
      if (attempt >= patience.maxConflictRetries) {
        throw new ExternalError(
          'E_AWS_CONFLICT',
          `AWS IAM Identity Center kept refusing ${doing} with ConflictException (another change to this account assignment was still in progress) after ${attempt} retries. The next run will try again.`,
        );
      }
      await patience.sleep(backoff(attempt));
    }
  }
}

/** Polls a creation or deletion request until it ends; FAILED and time-outs become errors. */
export async function settle(
  patience: Patience,
  doing: string,
  first: AccountAssignmentOperationStatus | undefined,
  poll: (requestId: string) => Promise<AccountAssignmentOperationStatus | undefined>,
): Promise<void> {
  let status = first;
  const requestId = status?.RequestId;
  for (
    let attempt = 0;
    status?.Status === 'IN_PROGRESS' && attempt < patience.maxPolls;
    attempt++
  ) {
    await patience.sleep(backoff(attempt));
    if (!requestId) break;
    status = await poll(requestId);
  }
  if (status?.Status === 'SUCCEEDED') return;
  if (status?.Status === 'FAILED') {
    throw new ExternalError(
      'E_AWS_ASSIGNMENT_FAILED',
      `AWS IAM Identity Center failed ${doing} (request ${requestId}): ${status.FailureReason ?? 'no reason given'}`,
    );
  }
  throw new ExternalError(
    'E_AWS_ASSIGNMENT_PENDING',
    `AWS IAM Identity Center had not finished ${doing} after ${patience.maxPolls} status checks (request ${requestId ?? 'unknown'}, status ${status?.Status ?? 'unknown'}). The next run will see whether it landed.`,
  );
}

/** Any other SDK failure, with what grantops was doing and a hint for the usual causes. */
export function awsError(e: unknown, doing: string): ExternalError {
  if (e instanceof ExternalError) return e;
  const name = errorName(e) ?? 'Error';
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'CredentialsProviderError') {
    return new ExternalError(
      'E_AWS_CREDENTIALS',
      `No AWS credentials while ${doing}: ${message}. Provide them through the standard AWS chain grantops reads: environment variables, a web identity (OIDC) role, or a profile.`,
    );
  }
  if (name === 'AccessDeniedException') {
    return new ExternalError(
      'E_AWS_FORBIDDEN',
      `AWS denied ${doing}: ${message}. Give the role grantops runs as sso:*AccountAssignment*, sso:Describe*Status and identitystore:GetUserId/DescribeUser.`,
    );
  }
  return new ExternalError(
    'E_AWS_API',
    `AWS answered ${name} while ${doing}: ${message}. Check the provider's settings in the policies against AWS's message; the next run tries again.`,
  );
}
