import { describe, expect, it } from 'vitest';
import { exampleManifest, validatePortal, type Portal } from '@scene/schema';
import { checkCodeText } from './check';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const portal = (): Portal => ({
  portalVersion: 1,
  theme: { primaryColor: '#1677ff' },
  tabs: [
    { id: 'home', title: t('首页', 'Home'), icon: 'home', page: 'home' },
    { id: 'me', title: t('我的', 'Me'), icon: 'user', page: 'me' },
  ],
  pages: [
    {
      id: 'home',
      title: t('首页', 'Home'),
      public: true,
      blocks: [
        { id: 'b1', kind: 'primitive', type: 'heading', props: { text: t('欢迎', 'Welcome') } },
        { id: 'b2', kind: 'plugin', plugin: 'acme.repairs', view: 'home-card', config: {} },
      ],
    },
    { id: 'me', title: t('我的', 'Me'), blocks: [] },
  ],
});
const plugins = { 'acme.repairs': exampleManifest() };
const text = (v: unknown) => JSON.stringify(v, null, 2);
const words = (issues: { pointer: string; code: string; message: object }[]) =>
  issues.map((i) => ({ pointer: i.pointer, code: i.code, message: i.message }));

describe('the code tab checks its text as publishing would', () => {
  it('says where JSON breaks, in both languages', () => {
    const [issue] = checkCodeText(
      '{\n  "id": "b1",\n  "kind" "primitive"\n}',
      {
        scope: 'block',
        portal: portal(),
      },
      plugins,
    ).issues;
    expect(issue).toMatchObject({ code: 'json.parse', line: 3, column: 10 });
    expect(issue!.message['zh-CN']).toContain('第 3 行第 10 列');
    expect(issue!.message.en).toContain('line 3, column 10');
  });

  it('reports a page’s issues with the server’s words, on their lines', () => {
    const p = portal();
    const page = p.pages[0]!;
    (page.blocks[0] as { props: object }).props = { text: t('欢迎', 'Welcome'), size: 'huge' };
    (page.blocks[1] as { config: object }).config = { title: 42 };
    const source = text(page);
    const { issues } = checkCodeText(source, { scope: 'page', portal: p }, plugins);
    // The server's check of the whole portal (Ajv for the plugin's config) says the same.
    const checked = validatePortal(p, { plugins });
    const server = [...checked.errors, ...checked.warnings].map((i) => ({
      ...i,
      pointer: i.pointer.replace('/pages/0', ''),
    }));
    const byPointer = (a: { pointer: string }, b: { pointer: string }) =>
      a.pointer < b.pointer ? -1 : 1;
    expect(words(issues).sort(byPointer)).toEqual(words(server).sort(byPointer));
    // In the order of the text.
    expect(issues.map((i) => `${i.pointer} ${i.code}`)).toEqual([
      '/blocks/0/props/size schema.unknownProperty',
      '/blocks/1/view portal.public',
      '/blocks/1/config/title schema.type',
    ]);
    const lineOf = (needle: string) => source.slice(0, source.indexOf(needle)).split('\n').length;
    expect(issues[2]!.line).toBe(lineOf('"title": 42'));
  });

  it('checks a block against the page it sits on', () => {
    const p = portal();
    const block = p.pages[0]!.blocks[1]!;
    const onPublic = checkCodeText(
      text(block),
      { scope: 'block', portal: p, page: p.pages[0] },
      plugins,
    );
    expect(onPublic.issues.map((i) => `${i.pointer} ${i.code}`)).toEqual(['/view portal.public']);
    const onPrivate = checkCodeText(
      text(block),
      { scope: 'block', portal: p, page: p.pages[1] },
      plugins,
    );
    expect(onPrivate.issues).toEqual([]);
  });
});
