import { describeExit, formatDuration, isCrash, RestartPolicy, type Exit, type RestartPolicyOptions } from './supervision.js';

/** One run of a supervised process. */
export interface Run {
  pid: number | undefined;
  /** Settles once the process is gone, however it ended. */
  exited: Promise<Exit>;
  /** Resolves once it answers its health check; rejects when it exits first or does not answer in time. */
  ready: Promise<void>;
  /** Whether the process is still there. */
  alive: () => boolean;
  /** Stops it and whatever it started; resolves once they are gone. */
  stop: () => Promise<void>;
}

/** Options of {@link Supervised}. */
export interface SupervisedOptions {
  name: string;
  /** Starts one run; rejects when the process cannot even be started. */
  start: () => Promise<Run>;
  /** Where it serves, for the lines saying it is up: "on http://localhost:4002/graphql". */
  where: string;
  /** The platform serves no one without it (the gateway, the database): giving up on it stops the platform. */
  essential: boolean;
  /** Default: {@link DEFAULT_RESTART_POLICY}. */
  policy?: RestartPolicyOptions;
  log: (line: string) => void;
  /** Called once the launcher stops restarting it, after a line saying why. */
  onGiveUp: (service: Supervised) => void;
}

/** Where a supervised process stands. */
export type SupervisedState = 'starting' | 'up' | 'waiting to restart' | 'restarting' | 'given up' | 'exited' | 'stopped';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A process the launcher keeps running: each crash is logged and restarted under its
 * {@link RestartPolicy}, each restart waits for the health check again, and {@link stop} ends it
 * for good, including while it waits to be restarted.
 */
export class Supervised {
  readonly name: string;
  readonly essential: boolean;
  state: SupervisedState = 'starting';
  crashes = 0;
  restarts = 0;
  private readonly policy: RestartPolicy;
  private run: Run | undefined;
  private starting: Promise<Run> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  /** Set when the launcher ends a run that did not become healthy, so its exit counts as that crash. */
  private unhealthy: string | undefined;

  constructor(private readonly options: SupervisedOptions) {
    this.name = options.name;
    this.essential = options.essential;
    this.policy = new RestartPolicy(options.policy);
  }

  /** The first start: resolves once it is healthy; rejects (after stopping it) when it does not get there. */
  async start(): Promise<void> {
    const run = await this.launch();
    try {
      await run.ready;
    } catch (error) {
      await run.stop();
      throw new Error(`${this.name} ${message(error)}`);
    }
    if (this.stopping) return;
    this.policy.healthy();
    this.state = 'up';
    this.options.log(`${this.name} is up ${this.options.where} (pid ${String(run.pid)})`);
  }

  /** From now on its exits are expected: no crash is counted, no restart follows, a pending one is cancelled. */
  stopRestarting(): void {
    this.stopping = true;
    clearTimeout(this.timer);
  }

  /** Stops it for good: no restart follows, a pending one is cancelled, a run being started is stopped. */
  async stop(): Promise<void> {
    this.stopRestarting();
    const run = this.run ?? (await this.starting?.catch(() => undefined));
    await run?.stop();
    if (this.state !== 'given up' && this.state !== 'exited') this.state = 'stopped';
  }

  /** "memory     1 crash    1 restart   up". */
  summary(): string {
    const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const crashes = count(this.crashes, 'crash', 'crashes');
    return `${this.name.padEnd(10)} ${crashes.padEnd(11)} ${count(this.restarts, 'restart', 'restarts').padEnd(11)} ${this.state}`;
  }

  private async launch(): Promise<Run> {
    this.unhealthy = undefined;
    this.starting = this.options.start();
    try {
      const run = await this.starting;
      this.run = run;
      void run.exited.then((exit) => this.exited(run, exit));
      return run;
    } finally {
      this.starting = undefined;
    }
  }

  private exited(run: Run, exit: Exit): void {
    if (run !== this.run) return;
    this.run = undefined;
    // While stopping, exits are asked for; during the first start, start() reports the failure.
    if (this.stopping || this.state === 'starting') return;
    if (this.unhealthy === undefined && !isCrash(exit)) {
      this.state = 'exited';
      this.options.log(
        `${this.name} exited with ${describeExit(exit)} (pid ${String(run.pid)}) without being asked to; not restarting it: only crashes are restarted`,
      );
      this.options.onGiveUp(this);
      return;
    }
    this.crashed(this.unhealthy ?? describeExit(exit), run.pid);
  }

  /** Counts a crash, says so in one line, and restarts after the policy's delay or gives up. */
  private crashed(what: string, pid?: number): void {
    this.crashes += 1;
    const reason = `${what} (${pid === undefined ? '' : `pid ${pid}, `}crash ${this.crashes} since start)`;
    const decision = this.policy.crashed();
    const { restartLimit, windowMs } = this.policy.options;
    const budget = `${restartLimit} restarts allowed in ${formatDuration(windowMs)}`;
    if (decision.action === 'give-up') {
      this.state = 'given up';
      const rest = this.essential
        ? 'the platform cannot serve without it, so the launcher stops'
        : 'the rest of the platform keeps running without it';
      this.options.log(`${this.name} crashed: ${reason}; giving up on it (all ${budget} used); ${rest}`);
      this.options.onGiveUp(this);
      return;
    }
    this.state = 'waiting to restart';
    this.options.log(
      `${this.name} crashed: ${reason}; restart attempt ${decision.attempt} in ${formatDuration(decision.delayMs)}, ${decision.restartsInWindow} of ${budget}`,
    );
    this.timer = setTimeout(() => void this.restart(), decision.delayMs);
  }

  private async restart(): Promise<void> {
    this.timer = undefined;
    if (this.stopping) return;
    this.restarts += 1;
    this.state = 'restarting';
    let run: Run;
    try {
      run = await this.launch();
    } catch (error) {
      if (!this.stopping) this.crashed(`could not be started: ${message(error)}`);
      return;
    }
    if (this.stopping) return;
    this.options.log(`${this.name} restarted (pid ${String(run.pid)}, restart ${this.restarts}); waiting for its health check`);
    try {
      await run.ready;
    } catch (error) {
      // An exit before it was healthy is handled as a crash by exited(); a run that is alive but
      // does not answer is ended here, and its exit counts as this crash.
      if (this.stopping || run !== this.run || !run.alive()) return;
      this.unhealthy = message(error);
      await run.stop();
      return;
    }
    if (this.stopping || run !== this.run) return;
    this.policy.healthy();
    this.state = 'up';
    this.options.log(`${this.name} is back ${this.options.where} (pid ${String(run.pid)}, after restart ${this.restarts})`);
  }
}
