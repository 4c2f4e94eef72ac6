/**
 * The lab's command line over src/engine (Node, wasm backend, cpu fallback).
 *
 *   npm run lab -- run [--preset NAME | --link URL] [--set key=value ...] [--config FILE.json] [--json] [--out FILE]
 *   npm run lab -- pretrain [--seed N] [--steps N] [--out DIR]
 *   npm run lab -- report [--seeds N] [--steps N] [--json] [--out FILE]
 *   npm run lab -- data [--check] [--out DIR]
 *
 * Progress goes to stderr; stdout carries only the result (a summary line, or JSON with --json).
 */
import { runCommand } from './commands/run';
import { pretrainCommand } from './commands/pretrain';
import { reportCommand } from './commands/report';
import { dataCommand } from './commands/data';

const USAGE = `usage:
  npm run lab -- run [--preset NAME | --link URL] [--set key=value ...] [--config FILE.json] [--backend wasm|cpu] [--json] [--out FILE]
  npm run lab -- pretrain [--seed N] [--steps N] [--out DIR]
  npm run lab -- report [--seeds N] [--steps N] [--only LABELS] [--json] [--out FILE]
  npm run lab -- data [--check] [--out DIR]`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  run: runCommand,
  pretrain: pretrainCommand,
  report: reportCommand,
  data: dataCommand,
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

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
