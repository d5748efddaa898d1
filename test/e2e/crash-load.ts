import { generate } from 'otplib';

/** The crash test's client: password, then an authenticator app, a text or a backup code. */
export const CLIENT_ID = 'crash';
/** TOTP settings of the crash test's server: a wide window, so a replayed step is still inside it after a restart. */
export const TOTP = { period: 30, window: 5 } as const;

export type Kind = 'totp' | 'sms' | 'phone';

/** One user and what the server answered about them: only acknowledged answers are promises. */
export interface Account {
  username: string;
  password: string;
  kind: Kind;
  /** The address the user's requests come from (X-Forwarded-For): per-address limits stay each user's own. */
  ip: string;
  /** The user's number: set by the admin (sms) or registered in a login (phone). */
  phone: string;
  /** Acknowledged: the enrolment answered `complete`. */
  totpSecret?: string;
  usedSteps: number[];
  backupCodes: string[];
  usedBackupCodes: string[];
  phoneEnrolled: boolean;
  usedSmsCodes: { flow: string; code: string }[];
  idTokens: string[];
  /** Sent, answered or not: a step or code the server may have taken when it died. */
  shownSecret?: string;
  sentSteps: number[];
  sentBackupCodes: string[];
  /** The operation that had no answer when the server died. */
  interrupted?: Op;
}

export type Op = 'enrolTotp' | 'totpLogin' | 'backupLogin' | 'smsLogin' | 'enrolPhone';

export const scripts: Record<Kind, Op[]> = {
  totp: ['enrolTotp', 'backupLogin', 'totpLogin'],
  sms: ['smsLogin', 'backupLogin', 'smsLogin'],
  phone: ['enrolPhone', 'smsLogin'],
};

export function newAccount(kind: Kind, index: number, phone: string): Account {
  return {
    username: `${kind}-user-${index}`,
    password: `crash-test password ${kind} ${index}`,
    kind,
    ip: `10.${Object.keys(scripts).indexOf(kind) + 1}.0.${index + 1}`,
    phone,
    usedSteps: [],
    backupCodes: [],
    usedBackupCodes: [],
    phoneEnrolled: false,
    usedSmsCodes: [],
    idTokens: [],
    sentSteps: [],
    sentBackupCodes: [],
  };
}

export interface Answer {
  status: number;
  body: any;
}

/** The flow API as the element calls it: JSON bodies, the page's Origin, the user's address. */
export class Api {
  constructor(
    readonly url: string,
    private readonly ip = '10.255.0.1',
  ) {}

  from(ip: string): Api {
    return new Api(this.url, ip);
  }

  async post(path: string, body: unknown): Promise<Answer> {
    const res = await fetch(this.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: new URL(this.url).origin, 'x-forwarded-for': this.ip },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  async get(path: string): Promise<Answer> {
    const res = await fetch(this.url + path);
    return { status: res.status, body: await res.json() };
  }
}

export const currentStep = () => Math.floor(Date.now() / 1000 / TOTP.period);
export const codeAt = (secret: string, step: number) => generate({ secret, epoch: step * TOTP.period });

export function expectStatus(answer: Answer, status: number, what: string): Answer {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

function expectComplete(answer: Answer, what: string): Answer {
  if (answer.status !== 200 || answer.body.status !== 'complete')
    throw new Error(`${what}: not complete: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** A new flow through the password step; answers its handle. */
export async function passwordStep(api: Api, a: Account): Promise<{ flow: string; options: any[] }> {
  const started = expectStatus(await api.post('/api/v1/flows', { clientId: CLIENT_ID, nonce: 'crash' }), 201, 'start');
  const flow: string = started.body.flow;
  const pw = expectStatus(
    await api.post('/api/v1/flows/password', { flow, username: a.username, password: a.password }),
    200,
    `password for ${a.username}`,
  );
  return { flow, options: pw.body.step.options };
}

/** The newest text to `phone` in the development outbox, and the code in it. */
export async function textedCode(api: Api, phone: string): Promise<string> {
  const { body } = expectStatus(await api.get(`/api/v1/dev/outbox?to=${encodeURIComponent(phone)}`), 200, 'outbox');
  const code = /^(\d+) is your/.exec(body.messages[0]?.body ?? '')?.[1];
  if (!code) throw new Error(`no code texted to ${phone}: ${JSON.stringify(body)}`);
  return code;
}

function finished(a: Account, done: Answer) {
  a.idTokens.push(done.body.result.idToken);
  if (done.body.backupCodes) a.backupCodes = done.body.backupCodes;
}

export const ops: Record<Op, (api: Api, a: Account) => Promise<void>> = {
  async enrolTotp(api, a) {
    const { flow } = await passwordStep(api, a);
    const enrolled = expectStatus(await api.post('/api/v1/flows/totp/enroll', { flow }), 200, 'totp enroll');
    const secret: string = enrolled.body.enrollment.secret;
    a.shownSecret = secret;
    const step = currentStep();
    a.sentSteps.push(step);
    const done = expectComplete(await api.post('/api/v1/flows/totp/verify', { flow, code: await codeAt(secret, step) }), 'totp enrolment');
    a.totpSecret = secret;
    a.usedSteps.push(step);
    finished(a, done);
  },

  async totpLogin(api, a) {
    const { flow } = await passwordStep(api, a);
    // A step after every one sent so far: the server accepts each step once.
    const step = Math.max(currentStep(), ...a.sentSteps) + 1;
    a.sentSteps.push(step);
    const done = expectComplete(await api.post('/api/v1/flows/totp/verify', { flow, code: await codeAt(a.totpSecret!, step) }), 'totp sign-in');
    a.usedSteps.push(step);
    finished(a, done);
  },

  async backupLogin(api, a) {
    const { flow } = await passwordStep(api, a);
    const code = a.backupCodes.find((c) => !a.sentBackupCodes.includes(c))!;
    a.sentBackupCodes.push(code);
    const done = expectComplete(await api.post('/api/v1/flows/backup-code/verify', { flow, code }), 'backup code sign-in');
    a.usedBackupCodes.push(code);
    finished(a, done);
  },

  async smsLogin(api, a) {
    const { flow } = await passwordStep(api, a);
    expectStatus(await api.post('/api/v1/flows/sms/send', { flow }), 200, 'sms send');
    const code = await textedCode(api, a.phone);
    const done = expectComplete(await api.post('/api/v1/flows/sms/verify', { flow, code }), 'sms sign-in');
    a.usedSmsCodes.push({ flow, code });
    finished(a, done);
  },

  async enrolPhone(api, a) {
    const { flow } = await passwordStep(api, a);
    expectStatus(await api.post('/api/v1/flows/sms/enroll', { flow, phone: a.phone }), 200, 'sms enroll');
    const code = await textedCode(api, a.phone);
    const done = expectComplete(await api.post('/api/v1/flows/sms/verify', { flow, code }), 'phone registration');
    a.phoneEnrolled = true;
    a.usedSmsCodes.push({ flow, code });
    finished(a, done);
  },
};

/**
 * Runs every account's script, `workers` accounts at a time. After each acknowledged operation
 * `onAck` may answer true: the server is being killed, so no new operation starts, and an
 * operation that then fails is marked interrupted rather than failing the load.
 */
export async function runLoad(
  api: Api,
  accounts: Account[],
  workers: number,
  onAck: (counts: Record<Op, number>) => boolean,
): Promise<Record<Op, number>> {
  const counts: Record<Op, number> = { enrolTotp: 0, totpLogin: 0, backupLogin: 0, smsLogin: 0, enrolPhone: 0 };
  const queue = [...accounts];
  let stopped = false;
  const worker = async () => {
    for (let a = queue.shift(); a && !stopped; a = queue.shift()) {
      for (const op of scripts[a.kind]) {
        if (stopped) return;
        try {
          await ops[op](api.from(a.ip), a);
        } catch (e) {
          if (!stopped) throw e;
          a.interrupted = op;
          return;
        }
        counts[op]++;
        if (onAck(counts)) stopped = true;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  if (!stopped) throw new Error(`the load ended before the server was killed: ${JSON.stringify(counts)}`);
  return counts;
}
