'use strict'
/* The BUILT search files in lunr.js: the split index answers like the whole index, and like
 * lunr.py.
 *
 * tests/test_search_index.py writes a JSON file named by WIT_SEARCH_CASES:
 *   { "sites": [ { "name", "pipelineData", "folder" (a <prefix>search/ folder),
 *                  "whole" (optional: the whole index, serialised with split_index.canonical),
 *                  "queries": [ { "q", "filters", "plan" (Python's, or null),
 *                                 "refs", "scores", "words" (Python's, or null) } ] } ] }
 * For every query, the split index (only the shards the query needs, fetched from
 * "folder") must return what the whole index returns (same refs, order and scores,
 * exactly) and, where given, what lunr.py returned.
 * Without that variable (plain `npm run test:js`) the test is skipped. */

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('fs')
const path = require('path')
const lunr = require('lunr')
const pipeline = require('../../plugins/search_index/static/twente-search-pipeline.js')
const core = require('../../plugins/search_index/static/twente-search-core.js')

const CASES = process.env.WIT_SEARCH_CASES

function readJson (file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'))
}

/* What lunr.Index#query returns, as plain data: refs in order, exact scores, matched terms
 * and fields. */
function rawResults (results) {
  return results.map((r) => [r.ref, r.score, Object.keys(r.matchData.metadata).sort().map((term) =>
    [term, Object.keys(r.matchData.metadata[term]).sort()])])
}

function pythonPlan (plan) {
  // Python's plan as JSON: {words: [{text, options, prefix, generic}], every_vacancy}
  if (plan === null) return null
  return { words: plan.words, pairs: plan.pairs, everyVacancy: plan.every_vacancy, stopWordsOnly: plan.stop_words_only }
}

test('the split index answers like the whole index and like lunr.py', { skip: !CASES && 'WIT_SEARCH_CASES not set (run through pytest tests/test_search_index.py)' }, async () => {
  const spec = readJson(CASES)
  let checked = 0
  let withWhole = 0
  for (const site of spec.sites) {
    pipeline.registerTwentePipeline(lunr, readJson(site.pipelineData))
    const manifest = readJson(path.join(site.folder, 'manifest.json'))
    const facets = core.decodeFacets(readJson(path.join(site.folder, manifest.facets)))
    const fetched = []
    const split = core.createSplitIndex({
      lunr,
      manifest,
      loadShard: (name) => {
        fetched.push(name)
        return Promise.resolve(readJson(path.join(site.folder, name)))
      }
    })
    const whole = site.whole ? lunr.Index.load(readJson(site.whole)) : null
    const vacancies = manifest.kinds.vacancy
    let mostShards = 0
    for (const expected of site.queries) {
      const where = site.name + ': ' + JSON.stringify(expected.q) + ' ' + JSON.stringify(expected.filters || {})
      const plan = core.analyseQuery(expected.q, manifest.languages, pipeline)
      if (expected.plan !== undefined) assert.deepEqual(plan, pythonPlan(expected.plan), where + ' (plan)')
      const before = fetched.length
      const index = await split.indexFor(plan)
      const needed = plan === null ? [] : split.shardsFor(plan)
      mostShards = Math.max(mostShards, needed.length)
      assert.ok(fetched.length - before <= needed.length, where + ': fetched more shards than the query needs')
      const filtered = (matches) => {
        const kept = new Set(core.applyFilters(matches.map((m) => m.ref), facets, expected.filters || {}))
        return matches.filter((m) => kept.has(m.ref))
      }
      const got = filtered(core.searchIndex(lunr, index, plan, vacancies))
      if (whole) {
        const reference = filtered(core.searchIndex(lunr, whole, plan, vacancies))
        assert.deepEqual(got, reference, where + ' (split against whole index)')
        if (plan !== null && !plan.everyVacancy && withWhole % 5 === 0) {
          // lunr's own answer, before ranking by words: same refs, order, scores and matches.
          const query = core.queryOf(lunr, plan)
          assert.deepEqual(rawResults(index.query(query)), rawResults(whole.query(query)), where + ' (lunr results)')
        }
        withWhole++
      }
      if (expected.refs) {
        assert.deepEqual(got.map((m) => m.ref), expected.refs, where + ' (refs against lunr.py)')
        assert.deepEqual(got.map((m) => [m.words, m.extra]), expected.words, where + ' (words against lunr.py)')
        got.forEach((m, i) => {
          assert.ok(Math.abs(m.score - expected.scores[i]) < 1e-9, where + ' score of ' + m.ref)
        })
      }
      checked++
    }
    if (whole) {
      // A query needs a small part of the index.
      assert.ok(mostShards * 4 < manifest.shards.length,
        site.name + ': a query needed ' + mostShards + ' of ' + manifest.shards.length + ' shards')
    }
  }
  console.log('# queries checked: ' + checked + ', against the whole index: ' + withWhole)
  assert.ok(checked >= (spec.minimum || 10), 'too few queries checked: ' + checked)
  assert.ok(withWhole >= (spec.minimumWhole || 0), 'too few queries checked against the whole index: ' + withWhole)
})
