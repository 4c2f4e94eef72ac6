/**
 * The lab's command line over src/engine (Node, wasm backend, cpu fallback).
 *
 *   npm run lab -- run [--preset NAME | --link URL] [--set key=value ...] [--config FILE.json] [--domain-file PATH] [--adapters RUNS.json] [--json] [--out FILE]
 *   npm run lab -- pretrain [--set scenario=text] [--seed N] [--steps N] [--out DIR]
 *   npm run lab -- report [--scenario skills|text | --plan stream] [--seeds N] [--steps N] [--workers N] [--shard i/n] [--domain-file PATH] [--json] [--out FILE]
 *   npm run lab -- report --from FILE.json [--from FILE2.json ...] [--markdown | --write-readme | --json]
 *   npm run lab -- sweep --set key=v1,v2[,...] [--set key2=w1,w2] [--set key=value ...] [--preset NAME] [--seeds N] [--seed-base B] [--workers N] [--shard i/n] [--domain-file PATH] [--json]
 *   npm run lab -- sweep --from FILE.json [--from FILE2.json ...] [--json]
 *   npm run lab -- data [--check] [--out DIR]
 *   npm run lab -- windows [--preset NAME (text-ignore)] [--set key=value ...] [--phases N (64)] [--json] [--out FILE]
 *   npm run lab -- adapters --tasks letters,rotate [--set key=value ...] [--seeds N (1)] [--json]
 *
 * (`plan-worker` is the plan runner's child process, for sweep and report --workers N,
 * not for people: JSON lines in and out.)
 *
 * Progress goes to stderr; stdout carries only the result (a summary line, or JSON with --json).
 */

const USAGE = `usage:
  npm run lab -- run [--preset NAME | --link URL] [--set key=value ...] [--config FILE.json] [--domain-file PATH] [--adapters RUNS.json] [--backend auto|wasm|cpu|webgpu|webgl[,fallback...]] [--json] [--out FILE]
      --domain-file: train the text scenario on a text of your own (domain=custom), as the page does (sweep and report --scenario text take it too)
  npm run lab -- pretrain [--set scenario=text] [--seed N] [--steps N] [--out DIR]
  npm run lab -- report [--scenario skills|text | --plan stream] [--seeds N] [--steps N] [--only LABELS] [--workers N (1)] [--shard i/n] [--domain-file PATH] [--json] [--out FILE]
  npm run lab -- report --from FILE.json [--from FILE2.json ...] [--markdown | --write-readme | --json] [--out FILE]
      reports made on other seeds or shards (--shard i/n: a slice of the plan) merged into one
  npm run lab -- sweep --set key=v1,v2,... [--set key2=w1,w2,...] [--set key=value ...] [--preset NAME | --link URL] [--config FILE.json]
                       [--seeds N (3)] [--seed-base B (1)] [--workers N (1)] [--shard i/n] [--domain-file PATH] [--backend ...] [--json]
  npm run lab -- sweep --from FILE.json [--from FILE2.json ...] [--json]
      the shards of one sweep (each made with --shard i/n --json) merged: the curve of the whole sweep
      a --set with several values is swept (two at most); list keys take alternatives with '|': lora.targets=q,v|q,k,v,o
  npm run lab -- data [--check] [--out DIR]
  npm run lab -- windows [--preset NAME (text-ignore)] [--set key=value ...] [--phases N (64)] [--backend ...] [--json] [--out FILE]
      a text run's scores on the 16 held-out windows per source it reads beside every window, and their sampling error
  npm run lab -- adapters --tasks letters,rotate [--set key=value ...] [--seeds N (1)] [--backend ...] [--json]
      one LoRA adapter per task, then every ability with each alone and with all plugged in at weight 1`;

// Each command loads its own modules, so one that needs no tfjs (a sweep's
// checks, its parent process) starts in a second instead of three.
const commands: Record<string, (args: string[]) => Promise<number>> = {
  run: async (args) => (await import('./commands/run')).runCommand(args),
  pretrain: async (args) => (await import('./commands/pretrain')).pretrainCommand(args),
  report: async (args) => (await import('./commands/report')).reportCommand(args),
  sweep: async (args) => (await import('./commands/sweep')).sweepCommand(args),
  'plan-worker': async (args) => (await import('./lib/planRunner')).planWorkerCommand(args),
  data: async (args) => (await import('./commands/data')).dataCommand(args),
  windows: async (args) => (await import('./commands/windows')).windowsCommand(args),
  adapters: async (args) => (await import('./commands/adapters')).adaptersCommand(args),
};

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `unknown command '${name}'\n` : ''}${USAGE}\n`);
    return 2;
  }
  return command(args);
}

/** Exits once stdout has taken everything written to it: into a pipe, writes are asynchronous and process.exit would cut them at 64 KiB. */
const exitAfterOutput = (code: number) => process.stdout.write('', () => process.exit(code));

main().then(exitAfterOutput, (err) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  exitAfterOutput(1);
});
