import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const ZH = { LANG: 'zh_CN.UTF-8' };
const EN = { LANG: 'en_US.UTF-8' };

async function help(args: string[], env: Record<string, string>): Promise<string> {
  const r = await runCli([...args, '--help'], env);
  expect(r.code).toBe(0);
  return r.stdout;
}

/**
 * One line per option: long descriptions are wrapped, so join them back before matching (a
 * Chinese line breaks between characters, an English one at a space).
 */
const unwrapped = (text: string) => text.replace(/(\p{scx=Han}|[（），、；：])\n {20,}/gu, '$1').replace(/\n {20,}(?=\p{scx=Han}|[（），、；：])/gu, '').replace(/\n {20,}/g, ' ');

const COMMANDS = ['reconcile', 'normalise', 'report', 'inspect', 'init', 'verify'];

describe('fundgap --help', () => {
  it('is in Chinese when the locale is Chinese, with every command described in Chinese', async () => {
    const text = unwrapped(await help([], ZH));
    expect(text).toContain('用法：');
    expect(text).toContain('命令：');
    expect(text).toMatch(/reconcile \[options\] +比对分配、拨付和落地三本台账，列出差距/);
    expect(text).toMatch(/verify \[options\] <report> +核对一份报告是否仍然成立/);
    expect(text).toMatch(/-h, --help +显示帮助/);
    expect(text).not.toContain('display help');
  });

  it('is in English otherwise, and with --lang en in a Chinese locale', async () => {
    for (const [args, env] of [[[], EN], [[], {}], [['--lang', 'en'], ZH]] as const) {
      const text = unwrapped(await help([...args], env));
      expect(text).toContain('Usage: fundgap');
      expect(text).toMatch(/reconcile \[options\] +compare the allocation, disbursement and landed ledgers and report the gaps/);
      expect(text).not.toContain('用法');
    }
  });

  it('follows --lang zh in an English locale, and LC_ALL over LANG', async () => {
    expect(await help(['--lang', 'zh'], EN)).toContain('用法：');
    expect(await help(['reconcile', '--lang=zh'], EN)).toContain('用法：');
    expect(await help([], { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toContain('用法：');
    expect(await help([], { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toContain('Usage:');
    expect(await help([], { LC_MESSAGES: 'zh_CN.UTF-8' })).toContain('用法：');
  });
});

describe("each command's help", () => {
  it('reconcile: the ledgers, tolerance, --fail-on and the examples in Chinese', async () => {
    const text = unwrapped(await help(['reconcile'], ZH));
    expect(text).toMatch(/-a, --allocated <file> +分配台账（上级下达）/);
    expect(text).toMatch(/-l, --landed <file> +落地台账/);
    expect(text).toMatch(/--tolerance <\[stage=\]yuan> +允许误差，单位元（默认：精确比对）/);
    expect(text).toMatch(/--fail-on <severity> +有问题达到这一级别时退出码为 1（默认 error）（可选值：info、warning、error、none）/);
    expect(text).toContain('示例：');
    expect(text).toContain('退出码：0 没有达到 --fail-on 级别的问题');
  });

  it('reconcile: the same options in English', async () => {
    const text = unwrapped(await help(['reconcile'], EN));
    expect(text).toMatch(/-a, --allocated <file> +allocation ledger \(上级下达\): CSV or XLSX/);
    expect(text).toMatch(/--tolerance <\[stage=\]yuan> +absolute tolerance in 元 \(default: exact\)/);
    expect(text).toMatch(/--fail-on <severity> +exit 1 if a finding is at or above this \(default error\) \(choices: "info", "warning", "error", "none"\)/);
    expect(text).toContain('Exit codes: 0 no finding at or above --fail-on');
  });

  it('inspect, init, verify, normalise and report: key options in both languages', async () => {
    const cases: [string, RegExp, RegExp][] = [
      ['inspect', /--role <ledger> +这个文件是配置中的哪本台账.*（默认：allocated）/, /--role <ledger> +which ledger of the config the file is.*\(default: "allocated"\)/],
      ['init', /--force +配置文件已存在时覆盖它/, /--force +overwrite the config file if it exists/],
      ['verify', /--base <dir> +报告中的路径相对于哪个文件夹/, /--base <dir> +the folder the report's paths are relative to/],
      ['normalise', /-o, --out <dir> +要写入的文件夹/, /-o, --out <dir> +the folder to write/],
      ['report', /--from <dir> +fundgap normalise 写出的文件夹/, /--from <dir> +a folder fundgap normalise wrote/],
    ];
    for (const [command, zh, en] of cases) {
      expect(unwrapped(await help([command], ZH))).toMatch(zh);
      expect(unwrapped(await help([command], EN))).toMatch(en);
    }
    expect(unwrapped(await help(['verify'], ZH))).toMatch(/report +用 -f json（fundgap\.report\/v2 或 v1）或 -f xlsx 写出的报告/);
  });

  it('in Chinese leaves no option or argument described in English', async () => {
    for (const command of COMMANDS) {
      const text = unwrapped(await help([command], ZH));
      const items = text.split('\n').filter((l) => /^ {2}\S/.test(l) && !l.startsWith('  $'));
      expect(items.length).toBeGreaterThan(1);
      for (const item of items) expect(item, `${command}: ${item}`).toMatch(/ {2}\S.*\p{scx=Han}/u);
    }
  });

  it('`fundgap help <command>` speaks the same language', async () => {
    const r = await runCli(['help', 'init'], ZH);
    expect(r.stdout).toContain('根据在三本台账中识别到的内容写出一份初始配置');
  });
});
