'use strict'
/* The BUILT search index in lunr.js: the same results as lunr.py.
 *
 * tests/test_search_index.py builds sites, runs every query through lunr.py
 * (search_index.query) and writes the expectations to a JSON file named by
 * WIT_SEARCH_CASES:
 *   { "sites": [ { "name", "pipelineData", "index", "documents",
 *                  "queries": [ { "q", "plans": [...], "refs": [...], "scores": [...] } ] } ] }
 * Without that variable (plain `npm run test:js`) the test is skipped. */

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('fs')
const lunr = require('lunr')
const pipeline = require('../../plugins/search_index/static/twente-search-pipeline.js')
const core = require('../../plugins/search_index/static/twente-search-core.js')

const CASES = process.env.WIT_SEARCH_CASES
const TOP = 10

function readJson (file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'))
}

test('lunr.js finds in the built index what lunr.py finds', { skip: !CASES && 'WIT_SEARCH_CASES not set (run through pytest tests/test_search_index.py)' }, () => {
  const spec = readJson(CASES)
  let checked = 0
  for (const site of spec.sites) {
    pipeline.registerTwentePipeline(lunr, readJson(site.pipelineData))
    const engine = core.createEngine({
      lunr, pipeline, index: lunr.Index.load(readJson(site.index)), documents: readJson(site.documents)
    })
    for (const expected of site.queries) {
      const where = site.name + ': ' + JSON.stringify(expected.q)
      assert.deepEqual(engine.plans(expected.q), expected.plans, where + ' (plans)')
      const got = engine.search(expected.q) || []
      assert.deepEqual(got.slice(0, TOP).map((r) => r.ref), expected.refs.slice(0, TOP), where + ' (top results)')
      assert.deepEqual(got.map((r) => r.ref).sort((a, b) => a - b),
        expected.refs.slice().sort((a, b) => a - b), where + ' (all results)')
      got.slice(0, TOP).forEach((r, i) => {
        assert.ok(Math.abs(r.score - expected.scores[i]) < 1e-6, where + ' score of ' + r.ref)
      })
      checked++
    }
  }
  assert.ok(checked > 10, 'too few queries checked: ' + checked)
})
