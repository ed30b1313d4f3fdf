/**
 * Makes this process look to `@cloudbase/node-sdk` like a CloudBase function instance whose
 * database lives at `databaseUrl`. Only the SDK's own, documented switches are used:
 * - `TENCENTCLOUD_RUNENV=SCF` (+ region, namespace): the variables SCF sets in every function
 *   instance; the SDK then knows it runs in a function and skips probing the cloud metadata
 *   host before each request (measured: ~30 ms a request outside Tencent Cloud otherwise);
 * - `TCB_CONTEXT_CNFG={"URL":…}`: the SDK's server-injected endpoint, pointing at the emulator;
 * - `TENCENTCLOUD_SECRETID/SECRETKEY`: fake credentials (the SDK refuses to run without any,
 *   and the emulator does not check signatures).
 * Must run before the first SDK request. Idempotent.
 */
export interface SdkEnvironment {
  databaseUrl: string;
  envId: string;
  region?: string;
}

export function configureSdkEnvironment({ databaseUrl, envId, region = 'ap-shanghai' }: SdkEnvironment): void {
  Object.assign(process.env, {
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: region,
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: databaseUrl }),
    HONGSE_LOCAL: '1',
    SILENCE: 'true',
  });
}
