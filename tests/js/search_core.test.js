'use strict'
/* twente-search-core.js on small made-up data: query analysis, shard selection, the split
 * index against the whole one, the facet table, counts and URL state. */

const test = require('node:test')
const assert = require('node:assert/strict')
const lunr = require('lunr')
const pipeline = require('../../plugins/search_index/static/twente-search-pipeline.js')
const core = require('../../plugins/search_index/static/twente-search-core.js')
const data = require('../../plugins/search_index/data/pipeline-data.json')

pipeline.registerTwentePipeline(lunr, data)
const LANGS = ['en', 'nl']

/* A facet table as documents.facet_table writes it: type and municipality one code per
 * document (position + 1), the others bit masks in base 64. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_'
const DOCS = [
  { type: 'job', municipality: 'Enschede', sector: ['it-software'], education: ['hbo', 'wo'], language: ['english'], ind: ['sponsor'] },
  { type: 'internship', municipality: 'Enschede', sector: ['it-software'], education: ['hbo'], language: ['nl'], ind: ['sponsor'] },
  { type: 'internship', municipality: 'Hengelo', sector: ['healthcare'], education: ['mbo'], language: ['nl', 'de'], ind: [] },
  { type: 'company', municipality: 'Hengelo', sector: ['healthcare', 'it-software'], education: [], language: ['english'], ind: [] },
  { type: 'guide', municipality: null, sector: [], education: [], language: [], ind: [] }
]
const VALUES = {
  type: ['job', 'internship', 'company', 'guide'],
  municipality: ['Enschede', 'Hengelo'],
  sector: ['healthcare', 'it-software'],
  education: ['mbo', 'hbo', 'wo'],
  language: ['english', 'nl', 'de'],
  ind: ['sponsor']
}
function table () {
  const groups = Object.keys(VALUES).map((name) => {
    const single = name === 'type' || name === 'municipality'
    const codes = DOCS.map((doc) => {
      if (single) return ALPHABET[doc[name] === null ? 0 : VALUES[name].indexOf(doc[name]) + 1]
      let mask = 0
      doc[name].forEach((v) => { mask |= 1 << VALUES[name].indexOf(v) })
      return ALPHABET[mask]
    }).join('')
    return { name, values: VALUES[name], width: single ? 0 : 1, codes }
  })
  return { documents: DOCS.length, groups }
}
const FACETS = core.decodeFacets(table())
const ALL = DOCS.map((_d, i) => i)
const GROUPS = Object.keys(VALUES)

test('the facet table decodes to every document\'s values', () => {
  DOCS.forEach((doc, ref) => {
    for (const group of GROUPS) {
      const expected = doc[group] === null ? [] : [].concat(doc[group])
      assert.deepEqual(core.valuesOf(FACETS, ref, group).sort(), expected.slice().sort(), group + ' of ' + ref)
    }
  })
})

test('values within a filter group are alternatives, groups combine', () => {
  assert.deepEqual(core.applyFilters(ALL, FACETS, { type: ['job', 'internship'] }), [0, 1, 2])
  assert.deepEqual(core.applyFilters(ALL, FACETS, { type: ['internship'], municipality: ['Enschede'] }), [1])
  assert.deepEqual(core.applyFilters(ALL, FACETS, { language: ['english'] }), [0, 3])
  assert.deepEqual(core.applyFilters(ALL, FACETS, { language: ['nl'] }), [1, 2])
  assert.deepEqual(core.applyFilters(ALL, FACETS, { language: ['de'] }), [2])
  assert.deepEqual(core.applyFilters(ALL, FACETS, { language: ['english', 'de'] }), [0, 2, 3])
  assert.deepEqual(core.applyFilters(ALL, FACETS, { ind: ['sponsor'] }), [0, 1])
  assert.deepEqual(core.applyFilters(ALL, FACETS, {}), ALL)
  assert.deepEqual(core.applyFilters(ALL, FACETS, { type: ['no-such-type'] }), [])
})

test('a count is what ticking that one box would show', () => {
  const selection = { type: ['internship'] }
  const counts = core.facetCounts(ALL, FACETS, selection)
  // The type group ignores its own selection ...
  assert.deepEqual(counts.type, { job: 1, internship: 2, company: 1, guide: 1 })
  // ... the others count within the internships.
  assert.deepEqual(counts.municipality, { Enschede: 1, Hengelo: 1 })
  assert.deepEqual(counts.education, { hbo: 1, mbo: 1 })
  assert.deepEqual(counts.language, { nl: 2, de: 1 })
  for (const group of GROUPS) {
    for (const [value, count] of Object.entries(counts[group])) {
      const ticked = { ...selection, [group]: [...(group === 'type' ? [] : selection[group] || []), value] }
      assert.equal(core.applyFilters(ALL, FACETS, ticked).length, count, group + '=' + value)
    }
  }
})

test('URL state round-trips and ignores unknown parameters', () => {
  const state = { q: 'software ontwikkelaar', filters: { type: ['job', 'internship'], municipality: ['Hof van Twente'], ind: ['sponsor'] } }
  const search = core.formatState(state, GROUPS)
  assert.equal(search, '?q=software+ontwikkelaar&type=job&type=internship&municipality=Hof+van+Twente&ind=sponsor')
  assert.deepEqual(core.parseState(search, GROUPS), state)
  assert.deepEqual(core.parseState('?utm_source=x&type=job&type=job&sector=', GROUPS), { q: '', filters: { type: ['job'] } })
  assert.equal(core.formatState({ q: '', filters: {} }, GROUPS), '')
})

test('query analysis: stop words, acronyms, generic words, prefixes while typing', () => {
  assert.equal(core.analyseQuery('', LANGS, pipeline), null)
  assert.equal(core.analyseQuery('--- !!', LANGS, pipeline), null)
  const exact = core.analyseQuery('Enschede. ', LANGS, pipeline)
  assert.deepEqual(exact.words.map((w) => [w.options, w.prefix]), [[[['enschede']], null]])  // a place name: never stemmed
  const typing = core.analyseQuery('python ontw', LANGS, pipeline)
  assert.deepEqual(typing.words.map((w) => [w.text, w.prefix]), [['python', null], ['ontw', 'ontw']])
  // Stop words go while other words remain; alone they are searched, without a prefix.
  assert.deepEqual(core.analyseQuery('the python', LANGS, pipeline).words.map((w) => w.text), ['python'])
  assert.deepEqual(core.analyseQuery('the of and', LANGS, pipeline).words.map((w) => [w.options, w.prefix]),
    [[[['the']], null], [[['of']], null], [[['and']], null]])
  // An acronym in capitals is never a stop word; in lower case among other words it is.
  assert.deepEqual(core.analyseQuery('IT internship', LANGS, pipeline).words.map((w) => w.text), ['IT', 'internship'])
  assert.deepEqual(core.analyseQuery('it internship', LANGS, pipeline).words.map((w) => w.text), ['internship'])
  // Generic words are searched, never needed; alone they list every vacancy.
  const generic = core.analyseQuery('python jobs', LANGS, pipeline)
  assert.deepEqual(generic.words.map((w) => [w.text, w.generic]), [['python', false], ['jobs', true]])
  assert.equal(core.requiredWords(generic), 1)
  assert.equal(core.analyseQuery('vacatures', LANGS, pipeline).everyVacancy, true)
  assert.equal(core.requiredWords(core.analyseQuery('aaa bbb ccc ddd eee', ['xx'], pipeline)), 3)
})

test('a query needs only the shards of its terms and prefixes', () => {
  const firsts = ['a', 'dat', 'dev', 'ens', 'pyt', 'zz']
  assert.deepEqual(core.shardsFor(firsts, ['developer'], []), [2])
  assert.deepEqual(core.shardsFor(firsts, ['aaa', 'python'], []), [0, 4])
  assert.deepEqual(core.shardsFor(firsts, [], ['de']), [1, 2])  // "de..." spans two shards
  assert.deepEqual(core.shardsFor(firsts, ['0000'], []), [0])  // before the first term
  assert.deepEqual(core.shardsFor(firsts, [], ['zzz']), [5])
})

/* A small index built by lunr.js, split the way split_index.py splits one. */
function buildIndex (docs) {
  return lunr(function () {
    this.ref('ref')
    this.field('title', { boost: 10 })
    this.field('body')
    pipeline.configureBuilder(this, 'en')
    docs.forEach((doc, ref) => this.add({ ref: String(ref), ...doc }))
  })
}
function splitIndex (serialised, perShard) {
  const terms = serialised.invertedIndex.map(([term]) => term)
  const position = new Map(serialised.invertedIndex.map(([_term, posting], i) => [posting._index, i]))
  const postings = terms.map(() => serialised.fields.map(() => []))
  serialised.fieldVectors.forEach(([fieldRef, elements]) => {
    const [field, ref] = fieldRef.split('/')
    for (let i = 0; i < elements.length; i += 2) {
      postings[position.get(elements[i])][serialised.fields.indexOf(field)].push([Number(ref), Math.round(elements[i + 1] * 1000)])
    }
  })
  const shards = []
  const files = {}
  for (let start = 0; start < terms.length; start += perShard) {
    const entries = terms.slice(start, start + perShard).map((term, k) => [term, ...postings[start + k].map((pairs) => {
      pairs.sort((a, b) => a[0] - b[0])
      let previous = 0
      return pairs.flatMap(([ref, weight]) => { const gap = ref - previous; previous = ref; return [gap, weight] })
    })])
    const hash = 'h' + start
    shards.push([terms[start], hash])
    files['shards/' + hash + '.json'] = { start, terms: entries }
  }
  const documents = serialised.fieldVectors.reduce((most, [fieldRef]) => Math.max(most, Number(fieldRef.split('/')[1]) + 1), 0)
  return { manifest: { fields: serialised.fields, pipeline: serialised.pipeline, documents, shards }, files }
}

test('a partial index assembled from the needed shards scores like the whole index', async () => {
  const docs = [
    { title: 'Python developer', body: 'You develop software in Python for robots.' },
    { title: 'Developer internship', body: 'Developing web software, IT department.' },
    { title: 'Baker', body: 'Our bakery bakes bread every night.' },
    { title: 'Nurse', body: 'Nursing and care in Enschede.' },
    { title: 'Data analyst', body: 'Analysis of data for developers.' }
  ]
  const index = buildIndex(docs)
  const serialised = JSON.parse(JSON.stringify(index))
  // Renumber terms in sorted order, as the shards do (canonical), for bit-equal scores.
  const { manifest, files } = splitIndex(serialised, 4)
  const fetched = []
  const split = core.createSplitIndex({ lunr, manifest, loadShard: (name) => { fetched.push(name); return Promise.resolve(files[name]) } })
  const first = core.analyseQuery('python', ['en'], pipeline)
  await split.indexFor(first)
  assert.ok(split.loadedShards() * 2 < manifest.shards.length, 'one word needs a few shards only')
  for (const q of ['python', 'develop', 'developer internship', 'bakery', 'baker', 'dev', 'nursing enschede', 'IT', 'xyzzy', 'python xyzzy', 'data analysts']) {
    const plan = core.analyseQuery(q, ['en'], pipeline)
    const before = fetched.length
    const partial = await split.indexFor(plan)
    assert.ok(fetched.length - before <= split.shardsFor(plan).length, q)
    const got = core.searchIndex(lunr, partial, plan)
    const whole = core.searchIndex(lunr, index, plan)
    assert.deepEqual(got.map((m) => [m.ref, m.words]), whole.map((m) => [m.ref, m.words]), q)
    got.forEach((m, i) => assert.ok(Math.abs(m.score - whole[i].score) < 1e-9, q + ' score'))
  }
  // Full matches first, then the best partial ones.
  const plan = core.analyseQuery('python xyzzy', ['en'], pipeline)
  const partial = core.searchIndex(lunr, await split.indexFor(plan), plan)
  assert.deepEqual(partial.map((m) => m.ref), [0])
  const both = core.searchIndex(lunr, index, core.analyseQuery('developer internship', ['en'], pipeline))
  assert.equal(both[0].ref, 1)
  assert.equal(both[0].words, 2)
  assert.ok(both.slice(1).every((m) => m.words === 1))
})

/* What lunr.Index#query returns, as plain data: refs in order, exact scores, matched terms
 * and fields. */
function rawResults (results) {
  return results.map((r) => [r.ref, r.score, Object.keys(r.matchData.metadata).sort().map((term) =>
    [term, Object.keys(r.matchData.metadata[term]).sort()])])
}

test('the partial index answers lunr queries as lunr does, its own way where it covers them', async () => {
  const docs = [
    { title: 'Python developer', body: 'You develop software in Python for robots.' },
    { title: 'Developer internship', body: 'Developing web software, IT department. Development.' },
    { title: 'Baker', body: 'Our bakery bakes bread every night for developers.' },
    { title: 'Nurse developer', body: 'Nursing and care in Enschede.' },
    { title: 'Data analyst', body: 'Analysis of data for developers and deventer.' }
  ]
  const { manifest, files } = splitIndex(JSON.parse(JSON.stringify(buildIndex(docs))), 3)
  const split = core.createSplitIndex({ lunr, manifest, loadShard: (name) => Promise.resolve(files[name]) })
  await split.indexFor(core.analyseQuery('python develop dev bakery data nurse analysis', ['en'], pipeline))
  const partial = await split.indexFor(null)
  assert.ok(partial instanceof lunr.Index)
  const lunrs = split.assemble()  // a plain lunr.Index of the same shards, queried by lunr itself
  const optional = lunr.Query.presence.OPTIONAL
  const queries = {
    'one term': (q) => q.term('develop', { usePipeline: false }),
    'terms and a prefix': (q) => {
      q.term(['python', 'develop'], { usePipeline: false, presence: optional })
      q.term('dev', { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 0.5 })
    },
    'a term twice (boosts add up)': (q) => {
      q.term('develop', { usePipeline: false })
      q.term('develop', { usePipeline: false, boost: 3 })
      q.term('bakeri', { usePipeline: false })
    },
    'through the pipeline': (q) => q.term('Developers', {}),
    'a prefix that is a term too': (q) => q.term('develop*', { usePipeline: false }),
    'unknown terms': (q) => q.term(['xyzzy', 'zzz*'], { usePipeline: false }),
    // Not covered by the partial index's own scoring: lunr answers these itself.
    'a required term': (q) => {
      q.term('develop', { usePipeline: false, presence: lunr.Query.presence.REQUIRED })
      q.term('python', { usePipeline: false })
    },
    'a prohibited term': (q) => {
      q.term('develop', { usePipeline: false })
      q.term('python', { usePipeline: false, presence: lunr.Query.presence.PROHIBITED })
    },
    'one field': (q) => q.term('develop', { usePipeline: false, fields: ['title'] }),
    'a leading wildcard': (q) => q.term('*op', { usePipeline: false }),
    'an edit distance': (q) => q.term('develup', { usePipeline: false, editDistance: 1 })
  }
  for (const [name, fn] of Object.entries(queries)) {
    const expected = rawResults(lunrs.query(fn))
    assert.deepEqual(rawResults(partial.query(fn)), expected, name)
    if (name !== 'unknown terms') assert.ok(expected.length > 0, name + ' finds something')
  }
})

test('results are ordered by words, score rounded to 6 decimals, then ref, for any score', () => {
  const plan = core.analyseQuery('python', ['en'], pipeline)
  const term = core.planTerms(plan)[0]
  const fake = (scores) => ({
    query: () => scores.map(([ref, score]) => ({ ref: String(ref), score, matchData: { metadata: { [term]: { title: {} } } } }))
  })
  for (const scale of [1, 1e12]) {  // 1e12: too large for the one-number sort, sorted by a comparator
    const scores = [[7, 2.0000001], [3, 2.0000004], [9, 5], [1, 2.0000002], [4, 0.5]].map(([ref, s]) => [ref, s * scale])
    const got = core.searchIndex(lunr, fake(scores), plan).map((m) => m.ref)
    // 7, 3 and 1 tie at 2.000000 when rounded (at scale 1): then by ref.
    assert.deepEqual(got, scale === 1 ? [9, 1, 3, 7, 4] : [9, 3, 1, 7, 4], 'scale ' + scale)
  }
})
