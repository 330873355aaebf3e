'use strict'
/* The browser search pipeline on its own: registration, the Dutch cases and
   a lunr.js index built with it.  Parity with Python is tested by
   tests/test_search_pipeline.py. */

const test = require('node:test')
const assert = require('node:assert/strict')
const lunr = require('lunr')
const pipeline = require('../../plugins/search_index/static/twente-search-pipeline.js')
const data = require('../../plugins/search_index/data/pipeline-data.json')

pipeline.registerTwentePipeline(lunr, data)

test('every label of every pipeline is registered with lunr', () => {
  for (const lang of Object.keys(pipeline.PIPELINES)) {
    for (const labels of Object.values(pipeline.PIPELINES[lang])) {
      for (const label of labels) assert.ok(label in lunr.Pipeline.registeredFunctions, label)
    }
  }
})

test('registering twice keeps the functions and does not warn', () => {
  const before = { ...lunr.Pipeline.registeredFunctions }
  const warn = console.warn
  let warned = false
  console.warn = () => { warned = true }
  try {
    pipeline.registerTwentePipeline(lunr, data)
  } finally {
    console.warn = warn
  }
  assert.equal(warned, false)
  assert.deepEqual(Object.keys(lunr.Pipeline.registeredFunctions), Object.keys(before))
  for (const label of Object.keys(before)) {
    assert.equal(lunr.Pipeline.registeredFunctions[label], before[label], label)
  }
})

test('Dutch forms share one term', () => {
  const groups = [
    ['bedrijf', 'bedrijven'],
    ['huis', 'huizen'],
    ['broodje', 'broodjes'],
    ['ontwikkelen', 'ontwikkelt', 'ontwikkeld'],
    ['cafe', 'café'],
    ['coordinator', 'coördinator'],
    ['financiele', 'financiële']
  ]
  for (const words of groups) {
    const terms = new Set(words.map((w) => pipeline.tokenizeQuery(w, 'nl').join(' ')))
    assert.equal(terms.size, 1, words.join('/') + ': ' + [...terms].join(' | '))
  }
})

test('queries are trimmed, stop words dropped and compounds split', () => {
  assert.deepEqual(pipeline.tokenizeQuery('Enschede.', 'nl'), ['enschede'])
  assert.deepEqual(pipeline.tokenizeQuery('(python)', 'en'), ['python'])
  assert.deepEqual(pipeline.tokenizeQuery('de en het', 'nl'), [])
  assert.deepEqual(pipeline.tokenizeQuery('softwareontwikkelaar', 'nl'), ['softwar', 'ontwikkel'])
  assert.deepEqual(pipeline.splitCompound('softwareontwikkelaar'), ['software', 'ontwikkelaar'])
})

test('an index built by lunr.js with the Dutch pipeline finds compounds both ways', () => {
  const docs = [
    { id: 'dev', body: 'Softwareontwikkelaar gezocht in Enschede' },
    { id: 'split', body: 'Software ontwikkelaar in Hengelo' },
    { id: 'other', body: 'Verpleegkundige in Almelo' }
  ]
  const index = lunr(function () {
    pipeline.configureBuilder(this, 'nl')
    this.ref('id')
    this.field('body')
    docs.forEach((d) => this.add(d))
  })
  const loaded = lunr.Index.load(JSON.parse(JSON.stringify(index)))
  const refs = (q) => loaded.search(q).map((r) => r.ref).sort()
  assert.deepEqual(refs('ontwikkelaar'), ['dev', 'split'])
  assert.deepEqual(refs('softwareontwikkelaars'), ['dev', 'split'])
  assert.deepEqual(refs('Enschede.'), ['dev'])
})

test('the lexicon terms shipped with the data are the ones the JS stemmer computes', () => {
  const shipped = new Set(data.nl.lexiconTerms)
  const computed = new Set(data.nl.lexicon.map((word) => pipeline.dutchTerm(word)))
  assert.deepEqual([...computed].sort(), [...shipped].sort())
})
