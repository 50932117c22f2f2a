import { initCommand } from './commands/init';
import { diffCommand } from './commands/diff';
import { publishCommand } from './commands/publish';
import { validateCommand } from './commands/validate';
import type { Io } from './io';
import { parseArgs, processIo } from './io';

const HELP = `scene — 场景插件工具 / scene plugin tool

  scene plugin init <dir> [--id vendor.name]       写入一个可用的示例插件 / write a working example plugin
  scene plugin validate <plugin.json...> [--json]  校验清单 / validate manifests (exit 0 only if all valid)
  scene plugin diff <old.json> <new.json> [--json] 版本变更报告 / breaking-change report (exit 1 if not allowed)
  scene plugin publish <plugin.json> --server <URL> --token <token>
                                                   发布到插件仓库 / publish to the registry`;

/** Runs the CLI; returns the exit code (0 ok, 1 failed check, 2 usage error). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['id', 'server', 'token']);
  const [group, command, ...rest] = positional;
  const str = (v: string | true | undefined) => (typeof v === 'string' ? v : undefined);
  if (flags.help || group === undefined || group === 'help') {
    io.out(HELP);
    return group === undefined && !flags.help ? 2 : 0;
  }
  if (group !== 'plugin') {
    io.err(`未知命令 / unknown command: ${group}\n\n${HELP}`);
    return 2;
  }
  switch (command) {
    case 'init':
      return initCommand(rest[0], str(flags.id), io);
    case 'validate':
      return validateCommand(rest, flags.json === true, io);
    case 'diff':
      return diffCommand(rest, flags.json === true, io);
    case 'publish':
      return publishCommand(rest[0], str(flags.server), str(flags.token), io);
    default:
      io.err(`未知命令 / unknown command: plugin ${command ?? ''}\n\n${HELP}`);
      return 2;
  }
}
