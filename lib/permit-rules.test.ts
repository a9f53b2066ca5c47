import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseOptions } from '../hub/fresh-database.js';
import { executeRows, openNodeDatabase, type NodeDatabase } from '../subgraphs/kit/db.js';
import { likePatterns, normalizedScopeSql, normalizeScopeText, scopeMatches, scopeMatchesSql } from './permit-rules.js';

/** Scopes as registries print them, each with keywords and the keyword that matches (null: none). */
const TABLE: Array<[scope: string | null, keywords: string[], matched: string | null]> = [
  // The shape of a scope since 2022: 许可项目 need a licence, 一般项目 do not.
  ['许可项目：食品销售；餐饮服务（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：日用百货销售', ['食品销售', '食品经营'], '食品销售'],
  ['许可项目：食品销售；餐饮服务（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：日用百货销售', ['餐饮服务'], '餐饮服务'],
  ['许可项目：食品销售；餐饮服务（依法须经批准的项目，经相关部门批准后方可开展经营活动）一般项目：日用百货销售', ['药品零售', '药品批发'], null],
  // Only a filing is needed for this one, and yet the keyword matches it (README › Permit rules).
  ['食品销售（仅销售预包装食品）', ['食品销售'], '食品销售'],
  ['一般项目：食品销售（仅销售预包装食品）；日用百货销售。', ['食品经营'], null],
  ['一般项目：技术服务、技术开发、技术咨询；软件开发', ['食品销售', '餐饮服务'], null],
  // Full-width letters and digits match their ASCII forms, and ASCII letters match in any case.
  ['许可项目：第二类增值电信业务（ＩＣＰ信息服务）；第３类医疗器械经营', ['icp信息服务'], 'icp信息服务'],
  ['许可项目：第二类增值电信业务（ＩＣＰ信息服务）；第３类医疗器械经营', ['第三类医疗器械', '第3类医疗器械'], '第3类医疗器械'],
  ['食品销售（仅销售预包装食品）', ['食品销售(仅销售预包装食品)'], '食品销售(仅销售预包装食品)'],
  // White space of any kind is ignored, in the scope and in the keyword; a zero-width space is not white space.
  ['许可项目：建设工程 施工；建筑劳务分包', ['建设工程施工'], '建设工程施工'],
  ['许可项目：道路　货物运输（不含危险货物）', ['道路货物运输'], '道路货物运输'],
  ['许可项目：食品\u00a0销售；食品\u2028经营', ['食品经营'], '食品经营'],
  ['食品经营（销售预包装食品）', ['食品 经营'], '食品 经营'],
  ['食品\u200b销售', ['食品销售'], null],
  // %, _ and \ in a keyword are themselves, not wildcards.
  ['一般项目：全场100%销售服务', ['100%销售'], '100%销售'],
  ['一般项目：全场100元销售服务', ['100%销售'], null],
  ['一般项目：A_B类服务', ['a_b类'], 'a_b类'],
  ['一般项目：AxB类服务', ['a_b类'], null],
  ['一般项目：路径\\分隔', ['路径\\分隔'], '路径\\分隔'],
  ['一般项目：路径分隔', ['路径\\分隔'], null],
  // Only ASCII letters are folded: Ä and ä stay apart, in JavaScript as in SQL.
  ['一般项目：Ä字号服务', ['ä字号'], null],
  // No scope matches nothing.
  [null, ['食品销售'], null],
  ['', ['食品销售'], null],
];

/** The databases to check the SQL on: PGlite always, PostgreSQL too when DATABASE_URL is set. */
const engines: Array<{ name: string; open: () => Promise<NodeDatabase> }> = [
  { name: 'PGlite', open: () => openNodeDatabase({ memory: true }) },
  ...(process.env['DATABASE_URL']
    ? [{ name: 'PostgreSQL', open: async () => openNodeDatabase(await freshDatabaseOptions(process.env['DATABASE_URL'], 'permit_rules')) }]
    : []),
];

describe('matching permit rules in JavaScript', () => {
  it.each(TABLE)('%j with %j matches %j', (scope, keywords, matched) => {
    expect(scopeMatches(scope, keywords)).toBe(matched);
  });

  it('normalises full-width forms, white space and ASCII case, nothing else', () => {
    expect(normalizeScopeText('食品 销售（仅销售预包装食品）')).toBe('食品销售(仅销售预包装食品)');
    expect(normalizeScopeText('ＩＣＰ　经营\t第３类')).toBe('icp经营第3类');
    expect(normalizeScopeText('Ä、；')).toBe('Ä、;');
  });

  it('escapes %, _ and \\ in LIKE patterns, and leaves out a keyword that normalises to nothing', () => {
    expect(likePatterns(['食品 销售', '100%', 'a_b', 'a\\b', ' \u3000'])).toEqual(['%食品销售%', '%100\\%%', '%a\\_b%', '%a\\\\b%']);
  });
});

describe.each(engines)('matching permit rules in SQL on $name', ({ open }) => {
  let database: NodeDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(() => database?.close());

  it('agrees with JavaScript on every row of the table, keyword by keyword', async () => {
    for (const [scope, keywords, matched] of TABLE) {
      const scopeText = sql`${scope}::text`;
      const [row] = await executeRows<{ any: boolean | null; each: Array<boolean | null> }>(
        database.db,
        sql`select ${scopeMatchesSql(scopeText, keywords)} as any,
                   array[${sql.join(
                     keywords.map((keyword) => scopeMatchesSql(scopeText, [keyword])),
                     sql`, `,
                   )}]::boolean[] as each`,
      );
      const label = JSON.stringify([scope, keywords]);
      expect(row!.any ?? false, label).toBe(matched !== null);
      expect(
        row!.each.map((each) => each ?? false),
        label,
      ).toEqual(keywords.map((keyword) => scopeMatches(scope, [keyword]) !== null));
    }
  });

  it('normalises any text as JavaScript does: full-width forms, every kind of space, %, _, \\ and letters of both cases', async () => {
    const characters = [...'食品销售（）()；;：:%_\\aAzZÄäｚＺ１1 \t\n\r\u000b\u000c\u00a0\u1680\u2000\u2007\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\u0085\u180e、。㈱ｶﾞ'];
    const texts = fc.sample(fc.array(fc.constantFrom(...characters), { maxLength: 24 }).map((list) => list.join('')), { numRuns: 300, seed: 14 });
    const rows = await executeRows<{ normalized: string }>(
      database.db,
      sql`select ${normalizedScopeSql(sql`t.text`)} as normalized
          from unnest(${sql.param(texts)}::text[]) with ordinality as t(text, position) order by t.position`,
    );
    expect(rows.map((row) => row.normalized)).toEqual(texts.map(normalizeScopeText));
  });

  it('finds the matching rows of a table with the expression the nodes use', async () => {
    await database.db.execute(sql`create table scopes (uscc text primary key, business_scope text)`);
    await database.db.execute(sql`insert into scopes values
      ('A', '许可项目：餐饮服务；食品销售。一般项目：外卖递送服务'),
      ('B', '一般项目：技术服务、技术开发'),
      ('C', '许可项目：食品　经营（销售预包装食品）'),
      ('D', null)`);
    const rows = await executeRows<{ uscc: string }>(
      database.db,
      sql`select uscc from scopes where ${scopeMatchesSql(sql.identifier('business_scope'), ['食品销售', '食品经营'])} order by uscc`,
    );
    expect(rows.map((row) => row.uscc)).toEqual(['A', 'C']);
  });
});
