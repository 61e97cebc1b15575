// The messages the transcript benchmarks feed: a deterministic mix of robot, agent and system text of 20 to
// 200 characters, one in seven with a link, as a contact center sends them. The same list feeds the widget
// (through the simulator) and the innerHTML baseline.

const WORDS = (
  'thanks order delivery account password refund invoice tomorrow please check moment address parcel number ' +
  'support update confirm email reset payment card shipping status week help question team office hours'
).split(' ');
const NAMES = { AGENT: 'Sam', ROBOT: 'Ava', SYSTEM: 'System' };

/** A small deterministic PRNG (mulberry32) so every run feeds the same text. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Message number `i` of the run tagged `tag`: the fields a simulator push takes (it adds timestamp etc.). */
export function benchMessage(tag, i) {
  const random = prng(i * 7919 + 17);
  const sourceType = i % 11 === 5 ? 'SYSTEM' : i % 3 === 0 ? 'ROBOT' : 'AGENT';
  const length = 20 + Math.floor(random() * 180);
  let content = '';
  while (content.length < length) content += (content ? ' ' : '') + WORDS[Math.floor(random() * WORDS.length)];
  content = content[0].toUpperCase() + content.slice(1) + '.';
  if (i % 7 === 3) content += ` See https://help.example.com/articles/${1000 + i} for details.`;
  return {
    sourceType,
    controlType: 'CHAT',
    mediaType: 'TEXT',
    content,
    senderNickname: NAMES[sourceType],
    messageCode: `${tag}-${i}`,
  };
}

/** Messages [from, from + n) of the run `tag`. */
export function benchMessages(tag, from, n) {
  return Array.from({ length: n }, (_, k) => benchMessage(tag, from + k));
}
