import { createRandom, pick } from '../random.ts'

const SUBJECTS = [
  'The old lighthouse',
  'A patient gardener',
  'The morning train',
  'Every small idea',
  'The quiet river',
  'A careful reader',
  'The evening wind',
  'Our little workshop',
  'The first snow',
  'A curious fox',
]
const VERBS = [
  'carries',
  'gathers',
  'remembers',
  'follows',
  'shapes',
  'warms',
  'finds',
  'keeps',
  'lifts',
  'answers',
]
const OBJECTS = [
  'the light of the harbour',
  'a handful of dry kindling',
  'the shape of the hills',
  'every unfinished sentence',
  'a map of forgotten roads',
  'the sound of distant bells',
  'the warmth of an open fire',
  'a story worth telling',
  'the colour of late autumn',
  'the names of the stars',
]
const ENDINGS = [
  'before the day begins',
  'while the town is still asleep',
  'without saying a word',
  'as the tide comes in',
  'long after the crowd has gone',
  'one step at a time',
  'under a sky of slow clouds',
  'with nothing but patience',
]
const JOINERS = ['and', 'but', 'so', 'while']

function sentence(random: () => number): string {
  const main = `${pick(random, SUBJECTS)} ${pick(random, VERBS)} ${pick(random, OBJECTS)}`
  if (random() < 0.35) {
    const second = `${pick(random, SUBJECTS).toLowerCase()} ${pick(random, VERBS)} ${pick(random, OBJECTS)}`
    return `${main}, ${pick(random, JOINERS)} ${second}.`
  }
  return `${main} ${pick(random, ENDINGS)}.`
}

/**
 * Plausible prose from a seed: the same seed always writes the same three to five sentences.
 */
export function writeProse(seed: number): string {
  const random = createRandom(seed)
  const count = 3 + Math.floor(random() * 3)
  const sentences: string[] = []
  for (let i = 0; i < count; i++) sentences.push(sentence(random))
  return sentences.join(' ')
}
