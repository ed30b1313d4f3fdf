/**
 * Must be imported before @cloudbase/node-sdk: makes the SDK believe it runs in SCF so it does
 * not probe the cloud metadata host before every request.
 */
process.env.TENCENTCLOUD_RUNENV = 'SCF';
process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
process.env.SCF_NAMESPACE = 'local-dev';
process.env.TCB_ENV = 'local-dev';

export {};
