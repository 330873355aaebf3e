'use strict'
/* twente-search-core.js without an index: filters, counts and URL state. */

const test = require('node:test')
const assert = require('node:assert/strict')
const lunr = require('lunr')
const pipeline = require('../../plugins/search_index/static/twente-search-pipeline.js')
const core = require('../../plugins/search_index/static/twente-search-core.js')
const data = require('../../plugins/search_index/data/pipeline-data.json')

pipeline.registerTwentePipeline(lunr, data)

const DOCS = [
  { kind: 'vacancy', type: 'job', municipality: 'Enschede', sectors: ['it-software'], education: ['hbo', 'wo'], english_ok: true, ind_sponsor: true },
  { kind: 'vacancy', type: 'internship', municipality: 'Enschede', sectors: ['it-software'], education: ['hbo'], english_ok: false, requires: ['nl'], ind_sponsor: true },
  { kind: 'vacancy', type: 'internship', municipality: 'Hengelo', sectors: ['healthcare'], education: ['mbo'], english_ok: false, requires: ['nl', 'de'], ind_sponsor: false },
  { kind: 'company', type: 'company', municipality: 'Hengelo', sectors: ['healthcare', 'it-software'], english_ok: true, ind_sponsor: false },
  { kind: 'guide', type: 'guide' }
]
const ALL = DOCS.map((_d, i) => i)

test('values within a filter group are alternatives, groups combine', () => {
  assert.deepEqual(core.applyFilters(ALL, DOCS, { type: ['job', 'internship'] }), [0, 1, 2])
  assert.deepEqual(core.applyFilters(ALL, DOCS, { type: ['internship'], municipality: ['Enschede'] }), [1])
  assert.deepEqual(core.applyFilters(ALL, DOCS, { language: ['english'] }), [0, 3])
  assert.deepEqual(core.applyFilters(ALL, DOCS, { language: ['nl'] }), [1, 2])
  assert.deepEqual(core.applyFilters(ALL, DOCS, { language: ['de'] }), [2])
  assert.deepEqual(core.applyFilters(ALL, DOCS, { language: ['english', 'de'] }), [0, 2, 3])
  assert.deepEqual(core.applyFilters(ALL, DOCS, { ind: ['sponsor'] }), [0, 1])
  assert.deepEqual(core.applyFilters(ALL, DOCS, {}), ALL)
})

test('a count is what ticking that one box would show', () => {
  const selection = { type: ['internship'] }
  const counts = core.facetCounts(ALL, DOCS, selection)
  // The type group ignores its own selection ...
  assert.deepEqual(counts.type, { job: 1, internship: 2, company: 1, guide: 1 })
  // ... the others count within the internships.
  assert.deepEqual(counts.municipality, { Enschede: 1, Hengelo: 1 })
  assert.deepEqual(counts.education, { hbo: 1, mbo: 1 })
  assert.deepEqual(counts.language, { nl: 2, de: 1 })
  for (const group of core.GROUPS) {
    for (const [value, count] of Object.entries(counts[group])) {
      const ticked = { ...selection, [group]: [...(selection[group] || []).filter(() => group !== 'type'), value] }
      if (group === 'type') ticked.type = [value]
      assert.equal(core.applyFilters(ALL, DOCS, ticked).length, count, group + '=' + value)
    }
  }
})

test('URL state round-trips and ignores unknown parameters', () => {
  const state = { q: 'software ontwikkelaar', filters: { type: ['job', 'internship'], municipality: ['Hof van Twente'], ind: ['sponsor'] } }
  const search = core.formatState(state)
  assert.equal(search, '?q=software+ontwikkelaar&type=job&type=internship&municipality=Hof+van+Twente&ind=sponsor')
  assert.deepEqual(core.parseState(search), state)
  assert.deepEqual(core.parseState('?utm_source=x&type=job&type=job&sector='), { q: '', filters: { type: ['job'] } })
  assert.equal(core.formatState({ q: '', filters: {} }), '')
})

test('query plans: stop words of any language dropped, prefix while typing', () => {
  const langs = ['en', 'nl']
  assert.deepEqual(core.plans('', langs, pipeline), [])
  assert.deepEqual(core.plans('the de', langs, pipeline), [])
  assert.deepEqual(core.plans('Enschede. ', langs, pipeline), [{ terms: ['ensched'], prefix: null }, { terms: ['enschede'], prefix: null }])
  const typing = core.plans('python ontw', langs, pipeline)
  assert.deepEqual(typing.filter((p) => p.prefix !== null), [{ terms: ['python'], prefix: 'ontw' }])
  // Short last words get no prefix; punctuation and odd white space separate words.
  assert.ok(core.plans('python de', langs, pipeline).every((p) => p.prefix === null))
  assert.deepEqual(core.plans('hbo/wo\u2003(python)', langs, pipeline)[0].terms, ['hbo', 'wo', 'python'])
})
