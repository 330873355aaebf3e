#!/usr/bin/env node
/*
 * Batch access to the browser search pipeline for tests/test_search_pipeline.py.
 *
 * Reads one JSON request on stdin:
 *   { "data": <pipeline_data() or omitted for data/pipeline-data.json>,
 *     "tasks": { "<name>": { "fn": "<function>", "lang": "nl", "inputs": [...] },
 *                "<name>": { "fn": "search", "index": <lunr.py index JSON>, "inputs": [...] } } }
 * and writes { "<name>": [<one result per input>], ... } on stdout.
 */
'use strict'

const fs = require('fs')
const path = require('path')
const lunr = require('lunr')
const pipeline = require('../../plugins/search_index/static/twente-search-pipeline.js')

const DATA_FILE = path.join(__dirname, '../../plugins/search_index/data/pipeline-data.json')

/* Functions of one input (and the task's language). */
const PER_INPUT = {
  trim: (s) => pipeline.trim(s),
  fold: (s) => pipeline.fold(s),
  stemDutch: (s) => pipeline.stemDutch(s),
  stemGerman: (s) => pipeline.stemGerman(s),
  germanTerm: (s) => pipeline.germanTerm(s),
  normaliseDutchStem: (s) => pipeline.normaliseDutchStem(s),
  dutchTerm: (s) => pipeline.dutchTerm(s),
  stemEnglish: (s) => pipeline.stemEnglish(s),
  splitCompound: (s) => pipeline.splitCompound(s),
  stopWordFilterEn: (s) => lunr.stopWordFilter(new lunr.Token(s, {})) !== undefined,
  analyse: (s, lang) => pipeline.analyse(s, lang),
  analyseTokens: (words, lang) => pipeline.analyseTokens(words, lang),
  tokenizeQuery: (s, lang) => pipeline.tokenizeQuery(s, lang),
  pipelines: () => pipeline.PIPELINES
}

/* Run queries against a serialised lunr.py index: `search` uses lunr's own
   query parser and the stored search pipeline; `queryRequired` looks up
   tokenizeQuery's terms, each one required. */
function searchTask (task) {
  const index = lunr.Index.load(task.index)
  return task.inputs.map((q) => {
    if (task.fn === 'search') return index.search(q).map((r) => r.ref)
    const terms = pipeline.tokenizeQuery(q, task.lang)
    if (terms.length === 0) return []
    return index.query((query) => {
      const options = { usePipeline: false, presence: lunr.Query.presence.REQUIRED }
      terms.forEach((t) => query.term(t, { ...options }))
    }).map((r) => r.ref)
  })
}

function main () {
  const request = JSON.parse(fs.readFileSync(0, 'utf8'))
  const data = request.data || JSON.parse(fs.readFileSync(DATA_FILE, 'utf8'))
  pipeline.registerTwentePipeline(lunr, data)
  const out = {}
  for (const [name, task] of Object.entries(request.tasks)) {
    if (task.fn === 'search' || task.fn === 'queryRequired') {
      out[name] = searchTask(task)
    } else if (task.fn in PER_INPUT) {
      out[name] = (task.inputs || [null]).map((input) => PER_INPUT[task.fn](input, task.lang))
    } else {
      throw new Error('unknown function ' + task.fn)
    }
  }
  process.stdout.write(JSON.stringify(out))
}

main()
