import type { ValueNode, MemberNode, ObjectNode } from '@humanwhocodes/momoa';

/** Replace text[start, end) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The node at an RFC 6901 pointer (with duplicate keys the last wins, as in libocpp), and its member. */
export function nodeAt(root: ValueNode, pointer: string): { node: ValueNode; member?: MemberNode } | undefined {
  let node: ValueNode = root;
  let member: MemberNode | undefined;
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map(unescape);
  for (const seg of segments) {
    if (node.type === 'Object') {
      member = lastMember(node, seg);
      if (!member) return undefined;
      node = member.value;
    } else if (node.type === 'Array' && /^\d+$/.test(seg) && node.elements[Number(seg)]) {
      member = undefined;
      node = node.elements[Number(seg)].value;
    } else return undefined;
  }
  return { node, member };
}

function lastMember(node: ObjectNode, key: string): MemberNode | undefined {
  let found: MemberNode | undefined;
  for (const m of node.members) if (m.name.type === 'String' && m.name.value === key) found = m;
  return found;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/**
 * An edit that sets `key` of the object at `pointer` to `value`, touching only that value's text: an existing
 * value is replaced in place; a missing key is added after the last member with that member's indentation and
 * key/value spacing, so the rest of the file stays byte for byte as it was.
 */
export function setJsonValue(text: string, root: ValueNode, pointer: string, key: string, value: unknown): TextEdit {
  const found = nodeAt(root, pointer);
  if (!found || found.node.type !== 'Object') throw new Error(`no JSON object at ${pointer || '/'}`);
  const obj = found.node;
  const json = JSON.stringify(value);
  const existing = lastMember(obj, key);
  if (existing) return { start: existing.value.loc.start.offset, end: existing.value.loc.end.offset, text: json };
  const last = obj.members.at(-1);
  if (last) {
    const indent = text.slice(lineStart(text, last.loc.start.offset), last.loc.start.offset);
    const separator = text.slice(last.name.loc.end.offset, last.value.loc.start.offset);
    const sameLine = !/\n/.test(text.slice(obj.loc.start.offset, last.loc.start.offset));
    const lead = sameLine ? ' ' : '\n' + (/^\s*$/.test(indent) ? indent : '');
    return { start: last.loc.end.offset, end: last.loc.end.offset, text: `,${lead}${JSON.stringify(key)}${separator}${json}` };
  }
  const open = obj.loc.start.offset;
  return { start: open + 1, end: obj.loc.end.offset - 1, text: ` ${JSON.stringify(key)}: ${json} ` };
}

/** Applies non-overlapping edits; order of the list does not matter. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].end > sorted[i - 1].start) throw new Error('overlapping JSON edits');
  }
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
