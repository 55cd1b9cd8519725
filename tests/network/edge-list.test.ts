import { describe, expect, it } from 'vitest';
import {
  EDGE_LIST_COLUMN_NAMES,
  EdgeListParseError,
  GraphStructureError,
  InvalidParameterError,
  compileNetwork,
  createRng,
  edgeCount,
  formatEdgeList,
  keyOf,
  parseEdgeList,
  type Network,
} from '../../src/index.js';
import { randomNetwork, thrown } from '../helpers/network.js';

/** Person i's neighbours by key, sorted: a numbering-free view of the ties. */
function tiesByKey(network: Network): string[] {
  const lines: string[] = [];
  for (let u = 0; u < network.size; u++) {
    for (let a = network.offsets[u]!; a < network.offsets[u + 1]!; a++) {
      const v = network.neighbors[a]!;
      if (network.directed || u < v) {
        const [x, y] = network.directed ? [keyOf(network, u), keyOf(network, v)] : [keyOf(network, u), keyOf(network, v)].sort();
        lines.push(`${x}|${y}|${network.trust[a]}`);
      }
    }
  }
  return lines.sort();
}

function expectSameArrays(a: Network, b: Network): void {
  expect(b.size).toBe(a.size);
  expect(b.directed).toBe(a.directed);
  expect(Array.from(b.offsets)).toEqual(Array.from(a.offsets));
  expect(Array.from(b.neighbors)).toEqual(Array.from(a.neighbors));
  expect(Array.from(b.trust)).toEqual(Array.from(a.trust));
  expect(b.keys).toEqual(a.keys);
}



describe('parseEdgeList: formats', () => {
  it('reads whitespace-separated string ids, numbered in order of first appearance', () => {
    const network = parseEdgeList('ann bob\nbob\tcy\n  cy   dora  \nann dora');
    expect(network.size).toBe(4);
    expect(network.keys).toEqual(['ann', 'bob', 'cy', 'dora']);
    expect(edgeCount(network)).toBe(4);
    expect(network.directed).toBe(false);
    // ann (0) – bob (1), dora (3); rows sorted by index.
    expect(Array.from(network.neighbors.subarray(network.offsets[0]!, network.offsets[1]!))).toEqual([1, 3]);
    expect(Array.from(network.trust)).toEqual(new Array(8).fill(1));
    expect(Array.from(network.role)).toEqual([0, 0, 0, 0]);
    expect(network.segmentNames).toEqual(['all']);
    expect(network.info.source).toBe('edge-list');
    expect(network.info.parameters).toMatchObject({ delimiter: 'whitespace', header: false, trust: false, ids: 'keys' });
  });

  it('reads comma-separated lines, trimming blanks around fields', () => {
    const network = parseEdgeList(' ann , bob \nbob,cy\n');
    expect(network.keys).toEqual(['ann', 'bob', 'cy']);
    expect(network.info.parameters).toMatchObject({ delimiter: ',' });
  });

  it('reads a trust column in every decimal notation, stored in single precision', () => {
    const network = parseEdgeList('a b 0.5\nb c .25\nc d 1\nd e 2.5e-1\ne f 1E0\nf g +0.125\ng h 0.30000000000000004');
    const trustOf = (x: string, y: string) => {
      const u = network.keys!.indexOf(x);
      const v = network.keys!.indexOf(y);
      for (let a = network.offsets[u]!; a < network.offsets[u + 1]!; a++) if (network.neighbors[a] === v) return network.trust[a];
      return undefined;
    };
    expect(trustOf('a', 'b')).toBe(0.5);
    expect(trustOf('b', 'c')).toBe(0.25);
    expect(trustOf('c', 'd')).toBe(1);
    expect(trustOf('d', 'e')).toBe(0.25);
    expect(trustOf('e', 'f')).toBe(1);
    expect(trustOf('f', 'g')).toBe(0.125);
    expect(trustOf('g', 'h')).toBe(Math.fround(0.3));
    expect(trustOf('b', 'a')).toBe(0.5); // both arcs of a tie
  });

  it('skips whole-line and trailing comments, blank lines, CRLF line ends and a byte-order mark', () => {
    const text = '\uFEFF# a network\r\n\r\n  # indented comment\r\nann bob 0.5 # trailing\r\n\t\r\nbob cy 0.25#no space\r\n# end';
    const network = parseEdgeList(text);
    expect(network.keys).toEqual(['ann', 'bob', 'cy']);
    expect(edgeCount(network)).toBe(2);
    const csv = parseEdgeList('ann,bob # comment\r\n# x\r\nbob,cy\r\n');
    expect(csv.keys).toEqual(['ann', 'bob', 'cy']);
  });

  it('recognises a header line with header: "auto" (the default), whatever the case', () => {
    for (const header of ['source,target', 'Source Target', 'from to', 'u v', 'SRC,DST,Weight', 'node1 node2 trust', 'person1,person2,strength']) {
      const hasTrust = header.split(/[ ,]/).length === 3;
      const text = `# comment first\n${header}\nann${header.includes(',') ? ',' : ' '}bob${hasTrust ? (header.includes(',') ? ',0.5' : ' 0.5') : ''}\n`;
      const network = parseEdgeList(text);
      expect(network.keys, header).toEqual(['ann', 'bob']);
      expect(network.info.parameters.header).toBe(true);
    }
    // Every documented name is recognised.
    for (const s of EDGE_LIST_COLUMN_NAMES.source) {
      for (const t of EDGE_LIST_COLUMN_NAMES.target) expect(parseEdgeList(`${s} ${t}\na b`).size).toBe(2);
    }
  });

  it('reads a first line of ordinary ids as a tie', () => {
    const network = parseEdgeList('a b\nb c');
    expect(network.keys).toEqual(['a', 'b', 'c']);
    // A third field that is not a trust column name: not a header, and then a bad trust.
    expect(() => parseEdgeList('source target note\na b 0.5')).toThrow(EdgeListParseError);
  });

  it('header: true skips the first line whatever it says; header: false reads "u v" as a tie', () => {
    const skipped = parseEdgeList('# c\nalpha beta\na b', { header: true });
    expect(skipped.keys).toEqual(['a', 'b']);
    const tie = parseEdgeList('u v\nv w', { header: false });
    expect(tie.keys).toEqual(['u', 'v', 'w']);
    expect(tie.info.parameters.header).toBe(false);
  });

  it('reads quoted CSV fields: commas, quotes and # inside quotes', () => {
    const network = parseEdgeList('"Smith, J.",bob\n"say ""hi""", "#tag" # comment\n"7",7\n', { onSelfLoop: 'drop' });
    expect(network.keys).toEqual(['Smith, J.', 'bob', 'say "hi"', '#tag', '7']);
    // "7" quoted and 7 bare are the same id: that line is a self-loop.
    expect(network.info.droppedSelfLoops).toBe(1);
  });

  it('treats "007" and "7" as different people, and numbers 0…n−1 in order as no keys', () => {
    const network = parseEdgeList('007 7\n7 8');
    expect(network.keys).toEqual(['007', '7', '8']);
    const plain = parseEdgeList('0 1\n1 2\n2 0');
    expect(plain.keys).toBeNull();
    expect(keyOf(plain, 2)).toBe('2');
    const shuffled = parseEdgeList('1 0\n1 2');
    expect(shuffled.keys).toEqual(['1', '0', '2']);
  });

  it('numbers many string ids exactly as a Map would (hash table growth, long, numeric-looking and non-ASCII ids)', () => {
    const rng = createRng('ids');
    const pool = Array.from({ length: 20000 }, (_, i) => {
      const r = rng.next();
      if (r < 0.25) return `person-with-a-long-name-${i}`;
      if (r < 0.5) return `0${i}`; // not canonical integers: string path
      if (r < 0.6) return `${i}`; // canonical integers: typed-table path
      if (r < 0.7) return `kø-ñ-${i}-✓`;
      return `p${i}`;
    });
    const lines: string[] = [];
    const seen = new Set<string>();
    const expected: string[] = [];
    const ties = new Set<string>();
    while (lines.length < 60000) {
      const a = pool[Math.floor(rng.next() * pool.length)]!;
      const b = pool[Math.floor(rng.next() * pool.length)]!;
      const tie = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (a === b || ties.has(tie)) continue;
      ties.add(tie);
      lines.push(`${a} ${b}`);
      for (const x of [a, b]) {
        if (!seen.has(x)) {
          seen.add(x);
          expected.push(x);
        }
      }
    }
    const network = parseEdgeList(lines.join('\n'));
    expect(network.keys).toEqual(expected);
    expect(edgeCount(network)).toBe(60000);
    const byKey = new Set(tiesByKey(network).map((line) => line.split('|').slice(0, 2).join('|')));
    expect(byKey).toEqual(ties);
  });

  it('directed: true stores one arc per line', () => {
    const network = parseEdgeList('a b\nb a\nb c', { directed: true });
    expect(network.directed).toBe(true);
    expect(edgeCount(network)).toBe(3);
    expect(Array.from(network.offsets)).toEqual([0, 1, 3, 3]);
  });

  it("ids: 'indices' reads 0-based person indices: size is the largest + 1, gaps allowed", () => {
    const network = parseEdgeList('5 1\n1 3 # people 0, 2 and 4 have no ties\n', { ids: 'indices' });
    expect(network.size).toBe(6);
    expect(network.keys).toBeNull();
    expect(Array.from(network.offsets)).toEqual([0, 0, 2, 2, 3, 3, 4]);
    expect(Array.from(network.neighbors)).toEqual([3, 5, 1, 1]);
    expect(parseEdgeList('007 1', { ids: 'indices' }).size).toBe(8);
  });

  it('drops self-loops and repeated ties on request, counting them (the person stays)', () => {
    const network = parseEdgeList('a a\na b\nb a\nb c\na b', { onSelfLoop: 'drop', onDuplicate: 'drop' });
    expect(network.keys).toEqual(['a', 'b', 'c']);
    expect(edgeCount(network)).toBe(2);
    expect(network.info.droppedSelfLoops).toBe(1);
    expect(network.info.droppedDuplicates).toBe(2);
    const directed = parseEdgeList('a b\nb a', { directed: true });
    expect(edgeCount(directed)).toBe(2);
  });

  it('keeps the first trust of a repeated tie', () => {
    const network = parseEdgeList('a b 0.5\nb a 0.25', { onDuplicate: 'drop' });
    expect(Array.from(network.trust)).toEqual([0.5, 0.5]);
  });

  it('forces the delimiter when asked', () => {
    expect(parseEdgeList('a,b c,d', { delimiter: 'whitespace' }).keys).toEqual(['a,b', 'c,d']);
    expect(parseEdgeList('a b,c d', { delimiter: ',' }).keys).toEqual(['a b', 'c d']);
  });
});

describe('parseEdgeList: errors', () => {
  it('a line with one field, naming the 1-based line and the text', () => {
    const error = thrown(() => parseEdgeList('# comment\na b\n\nlonely\nc d'), EdgeListParseError);
    expect(error.line).toBe(4);
    expect(error.message).toBe('edge list, line 4: expected 2 fields (source, target) or 3 (source, target, trust), found 1: "lonely"');
  });

  it('a line with more than three fields, with the source named', () => {
    const error = thrown(() => parseEdgeList('a,b,0.5\nb,c,0.5,extra', { source: 'ties.csv' }), EdgeListParseError);
    expect(error.line).toBe(2);
    expect(error.source).toBe('ties.csv');
    expect(error.message).toMatch(/^ties\.csv, line 2: .*found 4/);
  });

  it.each([
    ['abc', 'received "abc"'],
    ['0', 'received "0"'],
    ['0.0', 'received "0.0"'],
    ['1.5', 'received "1.5"'],
    ['-0.2', 'received "-0.2"'],
    ['NaN', 'received "NaN"'],
    ['Infinity', 'received "Infinity"'],
    ['0x1', 'received "0x1"'],
    ['1.0000001', 'received "1.0000001"'],
    ['.', 'received "."'],
  ])('a bad trust value %s', (value, fragment) => {
    const error = thrown(() => parseEdgeList(`a b 0.5\nb c ${value}`), EdgeListParseError);
    expect(error.line).toBe(2);
    expect(error.message).toContain('trust must be a number > 0 and ≤ 1');
    expect(error.message).toContain(fragment);
  });

  it('a trust that rounds to 0 in single precision', () => {
    const error = thrown(() => parseEdgeList('a b 1e-50'), EdgeListParseError);
    expect(error.line).toBe(1);
    expect(error.message).toContain('rounds to 0 in single precision');
  });

  it('rows with and without trust mixed, either way round', () => {
    let error = thrown(() => parseEdgeList('a b 0.5\n# c\nb c'), EdgeListParseError);
    expect(error.line).toBe(3);
    expect(error.message).toContain('has no trust value but line 1 has one');
    expect(error.message).toContain('a missing trust is not taken to be 1');
    error = thrown(() => parseEdgeList('a b\nb c 0.5'), EdgeListParseError);
    expect(error.line).toBe(2);
    expect(error.message).toContain('has a trust value but line 1 has none');
    error = thrown(() => parseEdgeList('source,target,trust\na,b'), EdgeListParseError);
    expect(error.line).toBe(2);
    expect(error.message).toContain('the header on line 1');
  });

  it('an empty list: nothing, only comments, only a header', () => {
    for (const [text, line] of [
      ['', 1],
      ['\n\n', 2],
      ['# nothing here\n# at all\n', 2],
      ['source target\n', 1],
    ] as const) {
      const error = thrown(() => parseEdgeList(text), EdgeListParseError);
      expect(error.line, JSON.stringify(text)).toBe(line);
      expect(error.message).toContain('no ties');
    }
  });

  it('empty CSV fields, an unclosed quote, text after a quote', () => {
    let error = thrown(() => parseEdgeList('a,b\na,,0.5'), EdgeListParseError);
    expect([error.line, error.message]).toEqual([2, 'edge list, line 2: field 2 is empty (an id must have at least one character)']);
    error = thrown(() => parseEdgeList('a,b,'), EdgeListParseError);
    expect(error.message).toContain('field 3 is empty');
    error = thrown(() => parseEdgeList('a,b\n"open,b'), EdgeListParseError);
    expect(error.line).toBe(2);
    expect(error.message).toContain('not closed');
    error = thrown(() => parseEdgeList('"a"x,b'), EdgeListParseError);
    expect(error.message).toContain('after its closing quote');
  });

  it('a header of the wrong width with header: true', () => {
    const error = thrown(() => parseEdgeList('one\na b', { header: true }), EdgeListParseError);
    expect(error.line).toBe(1);
    expect(error.message).toContain('header');
  });

  it("a non-index with ids: 'indices'", () => {
    for (const bad of ['a', '-1', '1.0', '99999999999']) {
      const error = thrown(() => parseEdgeList(`0 1\n${bad} 2`, { ids: 'indices' }), EdgeListParseError);
      expect(error.line).toBe(2);
      expect(error.message).toContain(`received ${JSON.stringify(bad)}`);
    }
  });

  it('self-loops and repeated ties name their lines (GraphStructureError from compileNetwork)', () => {
    let error = thrown(() => parseEdgeList('a b\nb b', { source: 'f.txt' }), GraphStructureError);
    expect(error.field).toBe('f.txt, line 2');
    expect(error.message).toContain('self-loop on "b"');
    error = thrown(() => parseEdgeList('a b\nb c\n\nb a'), GraphStructureError);
    expect(error.field).toBe('line 4');
    expect(error.message).toContain('first given at line 1');
  });

  it('bad options and bad input type', () => {
    expect(thrown(() => parseEdgeList('a b', { colour: 1 } as never), InvalidParameterError).field).toBe('options.colour');
    expect(thrown(() => parseEdgeList('a b', { header: 'yes' } as never), InvalidParameterError).field).toBe('options.header');
    expect(thrown(() => parseEdgeList('a b', { delimiter: ';' } as never), InvalidParameterError).field).toBe('options.delimiter');
    expect(thrown(() => parseEdgeList('a b', { directed: 1 } as never), InvalidParameterError).field).toBe('options.directed');
    expect(thrown(() => parseEdgeList(42 as never), InvalidParameterError).field).toBe('text');
  });
});

describe('formatEdgeList', () => {
  it('writes each tie once with a comment header, a column line and shortest trust', () => {
    const network = parseEdgeList('ann bob 0.9\nbob cy 0.2\ncy ann 1');
    const text = formatEdgeList(network);
    expect(text).toBe(
      '# hearsay edge list: 3 people, 3 ties\n' +
        '# source: edge-list\n' +
        '# parameters: {"directed":false,"delimiter":"whitespace","header":false,"trust":true,"ids":"keys","onSelfLoop":"error","onDuplicate":"error"}\n' +
        'source target trust\n' +
        'ann bob 0.9\n' +
        'ann cy 1\n' +
        'bob cy 0.2\n',
    );
    expect(formatEdgeList(network, { comments: false, header: false, trust: false, delimiter: ',' })).toBe('ann,bob\nann,cy\nbob,cy\n');
  });

  it('leaves the trust column out when every trust is 1', () => {
    expect(formatEdgeList(parseEdgeList('a b\nb c'), { comments: false })).toBe('source target\na b\nb c\n');
  });

  it('quotes CSV ids that need it, and refuses ids it cannot write with blanks', () => {
    const network = parseEdgeList('"Smith, J.",bob\n"say ""hi""","#tag"\n" pad",bob');
    const text = formatEdgeList(network, { delimiter: ',', comments: false });
    expect(text).toBe('source,target\n"Smith, J.",bob\n"say ""hi""","#tag"\nbob," pad"\n');
    expectSameArrays(network, parseEdgeList(text));
    const error = thrown(() => formatEdgeList(network), InvalidParameterError);
    expect(error.field).toBe('keys[0]');
    expect(error.message).toContain("delimiter: ','");
  });

  it('refuses people without ties unless told to omit them', () => {
    const network = parseEdgeList('a a\nb c', { onSelfLoop: 'drop' });
    const error = thrown(() => formatEdgeList(network), GraphStructureError);
    expect(error.field).toBe('person "a"');
    expect(formatEdgeList(network, { isolated: 'omit', comments: false, header: false })).toBe('b c\n');
  });

  it("ids: 'indices' writes 0-based indices for shared/bench/ic_ref.c", () => {
    const network = parseEdgeList('x y\nz x');
    expect(formatEdgeList(network, { ids: 'indices', comments: false, header: false })).toBe('0 1\n0 2\n');
  });

  it('marks a directed list in its comments and writes every arc once', () => {
    const network = parseEdgeList('a b\nb a\nc a', { directed: true });
    const text = formatEdgeList(network);
    expect(text).toContain('one-way ties (directed: read with directed: true)');
    expect(text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))).toEqual(['source target', 'a b', 'b a', 'c a']);
  });
});

describe('round trips', () => {
  it('parse → format → parse gives identical arrays and keys', () => {
    const text = [
      '# a messy list',
      'Ann,Bo,0.5',
      'cy , dora , 0.25 # trailing',
      'dora,Ann,1',
      '"e, f",Bo,0.1',
      'gus,cy,0.3333333',
      'hal,ivy,0.7',
      'ivy,Ann,0.05',
    ].join('\r\n');
    const first = parseEdgeList(text);
    for (const delimiter of [',', ' ', '\t'] as const) {
      const ok = delimiter === ',' || !first.keys!.some((k) => /\s/.test(k));
      if (!ok) continue;
      const second = parseEdgeList(formatEdgeList(first, { delimiter }));
      expectSameArrays(first, second);
    }
    const spaced = parseEdgeList(text.replace('"e, f"', 'ef'));
    const second = parseEdgeList(formatEdgeList(spaced));
    expectSameArrays(spaced, second);
    expect(formatEdgeList(second, { comments: false })).toBe(formatEdgeList(spaced, { comments: false }));
  });

  it('holds for random networks, undirected and directed, whatever the order of the input lines', () => {
    for (const directed of [false, true]) {
      const network = randomNetwork(300, 900, 7, directed);
      // Write it once (people may be renumbered), then the text is a fixed point.
      const once = parseEdgeList(formatEdgeList(network, { isolated: 'omit' }), { directed });
      expect(tiesByKey(once)).toEqual(tiesByKey(network));
      const twice = parseEdgeList(formatEdgeList(once), { directed });
      expectSameArrays(once, twice);
      expect(formatEdgeList(twice)).toBe(formatEdgeList(once));
      // With indices the numbering is kept in every case (trailing people without ties aside).
      const byIndex = parseEdgeList(formatEdgeList(network, { ids: 'indices', isolated: 'omit' }), { directed, ids: 'indices' });
      expect(Array.from(byIndex.neighbors)).toEqual(Array.from(network.neighbors.subarray(0, byIndex.neighbors.length)));
    }
  });

  it('keeps the numbering of a network grown by attachment to earlier people (no keys stored)', () => {
    // Person t ≥ 1 ties to 1–3 earlier people: every person has an earlier neighbour.
    const rng = createRng(3);
    const sources: number[] = [];
    const targets: number[] = [];
    for (let t = 1; t < 2000; t++) {
      const k = Math.min(t, 1 + Math.floor(rng.next() * 3));
      const chosen = new Set<number>();
      while (chosen.size < k) chosen.add(Math.floor(rng.next() * t));
      for (const c of chosen) {
        sources.push(t);
        targets.push(c);
      }
    }
    const trust = Float32Array.from(sources, () => Math.fround(1 - rng.next()));
    const network = compileNetwork(
      { size: 2000, sources: Int32Array.from(sources), targets: Int32Array.from(targets), trust },
      { info: { source: 'test', parameters: {} } },
    );
    const back = parseEdgeList(formatEdgeList(network));
    expectSameArrays(network, back);
    expect(back.keys).toBeNull();
  });

  it('keeps ties by key when the numbering cannot be reproduced (0–2, 1–3)', () => {
    const network = compileNetwork(
      { size: 4, sources: Int32Array.of(0, 1), targets: Int32Array.of(2, 3) },
      { info: { source: 'test', parameters: {} } },
    );
    const back = parseEdgeList(formatEdgeList(network));
    expect(back.keys).toEqual(['0', '2', '1', '3']);
    expect(tiesByKey(back)).toEqual(tiesByKey(network));
  });
});
