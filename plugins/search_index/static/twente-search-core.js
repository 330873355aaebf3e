/*!
 * Work in Twente search core for lunr.js 2.3.9: query construction, filters, URL state.
 *
 * No DOM here, so node runs it too (tests/js).  The query construction is mirrored in
 * Python by plugins/search_index/query.py; read its docstring for the rules:
 *
 *   normalise -> words -> drop words that are stop words in any site language ->
 *   per language one "exact" plan (tokenizeQuery terms, all REQUIRED, usePipeline false)
 *   and, while the last word is being typed, one "prefix" plan (earlier terms REQUIRED +
 *   the last word folded, REQUIRED, trailing wildcard, boost PREFIX_BOOST) ->
 *   run each distinct plan, best score per document, order by score then ref.
 *
 * Usage:
 *   TwenteSearchPipeline.registerTwentePipeline(lunr, pipelineData)
 *   var engine = TwenteSearchCore.createEngine({ lunr: lunr,
 *     pipeline: TwenteSearchPipeline, index: lunr.Index.load(indexJson),
 *     documents: documentsJson })
 *   engine.search('ontwikkelaar enschede')  // [{ref: 3, score: 4.2}, ...] or null
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory()
  } else {
    root.TwenteSearchCore = factory()
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict'

  /* Same class as query.SPLIT_CHARS in Python. */
  var SPLIT = new RegExp('[\\t\\n\\v\\f\\r \\u001c-\\u001f\\u0085\\u00a0\\u1680\\u2000-\\u200b' +
    '\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff/\\\\|()\\[\\]{},;:"\\u201c\\u201d\\u201e' +
    '\\u00ab\\u00bb\\u2013\\u2014\\u2022\\u00b7]+', 'g')
  var PREFIX_MIN = 3
  var PREFIX_BOOST = 0.5
  var SCORE_DECIMALS = 6

  /** Filter groups, in display and URL order, and the values a document has in each. */
  var GROUPS = ['type', 'municipality', 'sector', 'education', 'language', 'ind']
  var VALUES = {
    type: function (d) { return d.type ? [d.type] : [] },
    municipality: function (d) { return d.municipality ? [d.municipality] : [] },
    sector: function (d) { return d.sectors || [] },
    education: function (d) { return d.education || [] },
    language: function (d) { return (d.english_ok === true ? ['english'] : []).concat(d.requires || []) },
    ind: function (d) { return d.ind_sponsor ? ['sponsor'] : [] }
  }

  function normalise (text) {
    return String(text).replace(SPLIT, ' ')
  }

  /**
   * The distinct lunr queries for `text`: [{terms: [...], prefix: 'abc' | null}, ...].
   * `pipeline` is TwenteSearchPipeline, registered on lunr.
   */
  function plans (text, languages, pipeline) {
    var separator = pipeline.QUERY_SEPARATOR
    text = normalise(text)
    var words = text.split(separator).filter(function (w) { return w !== '' })
    var kept = words.filter(function (w) {
      return languages.every(function (lang) { return pipeline.tokenizeQuery(w, lang).length > 0 })
    })
    var typing = kept.length > 0 && kept[kept.length - 1] === words[words.length - 1] &&
      !separator.test(text.slice(-1))
    var prefix = typing ? pipeline.fold(pipeline.trim(kept[kept.length - 1])) : ''
    var found = []
    var seen = new Set()
    function add (terms, prefixTerm) {
      var key = JSON.stringify([terms, prefixTerm])
      if (seen.has(key)) return
      seen.add(key)
      found.push({ terms: terms, prefix: prefixTerm })
    }
    languages.forEach(function (lang) {
      var terms = pipeline.tokenizeQuery(kept.join(' '), lang)
      if (terms.length > 0) add(terms, null)
      if (prefix.length >= PREFIX_MIN) {
        add(pipeline.tokenizeQuery(kept.slice(0, -1).join(' '), lang), prefix)
      }
    })
    return found
  }

  function runPlan (lunr, index, plan) {
    return index.query(function (query) {
      plan.terms.forEach(function (term) {
        // lunr.Query#term keeps the options object as the clause: one object per term.
        query.term(term, { usePipeline: false, presence: lunr.Query.presence.REQUIRED })
      })
      if (plan.prefix !== null) {
        query.term(plan.prefix, {
          usePipeline: false,
          presence: lunr.Query.presence.REQUIRED,
          wildcard: lunr.Query.wildcard.TRAILING,
          boost: PREFIX_BOOST
        })
      }
    })
  }

  function roundScore (score) {
    var factor = Math.pow(10, SCORE_DECIMALS)
    return Math.round(score * factor) / factor
  }

  /**
   * A search engine over one loaded index and its documents.json payload.
   * options: {lunr, pipeline, index (lunr.Index), documents ({lang, languages, docs})}
   */
  function createEngine (options) {
    var lunr = options.lunr
    var pipeline = options.pipeline
    var index = options.index
    var payload = options.documents
    var docs = payload.docs
    var languages = options.languages || payload.languages
    var allRefs = docs.map(function (_d, i) { return i })

    /** Matches of `text`, best first, or null when the text is blank. */
    function search (text) {
      if (normalise(text).trim() === '') return null
      var best = new Map()
      plans(text, languages, pipeline).forEach(function (plan) {
        runPlan(lunr, index, plan).forEach(function (result) {
          var ref = Number(result.ref)
          if (!best.has(ref) || best.get(ref) < result.score) best.set(ref, result.score)
        })
      })
      var matches = []
      best.forEach(function (score, ref) { matches.push({ ref: ref, score: score }) })
      matches.sort(function (a, b) {
        return (roundScore(b.score) - roundScore(a.score)) || (a.ref - b.ref)
      })
      return matches
    }

    return {
      docs: docs,
      languages: languages,
      allRefs: allRefs,
      search: search,
      plans: function (text) { return plans(text, languages, pipeline) }
    }
  }

  /* ------------------------------------------------------------------ */
  /* Filters                                                              */
  /* ------------------------------------------------------------------ */

  function valuesOf (doc, group) {
    return VALUES[group](doc)
  }

  /** Whether `doc` passes every selected filter group except `except`.
   *  Values within a group are alternatives (OR); groups combine with AND. */
  function passes (doc, selection, except) {
    for (var i = 0; i < GROUPS.length; i++) {
      var group = GROUPS[i]
      var wanted = selection[group]
      if (group === except || !wanted || wanted.length === 0) continue
      var has = valuesOf(doc, group)
      if (!wanted.some(function (v) { return has.indexOf(v) !== -1 })) return false
    }
    return true
  }

  function applyFilters (refs, docs, selection) {
    return refs.filter(function (ref) { return passes(docs[ref], selection, null) })
  }

  /** Per group, per value: how many of `refs` match with that value, given the other
   *  groups' selections (so a count is what ticking that box alone would add). */
  function facetCounts (refs, docs, selection) {
    var counts = {}
    GROUPS.forEach(function (group) { counts[group] = {} })
    refs.forEach(function (ref) {
      var doc = docs[ref]
      GROUPS.forEach(function (group) {
        if (!passes(doc, selection, group)) return
        valuesOf(doc, group).forEach(function (value) {
          counts[group][value] = (counts[group][value] || 0) + 1
        })
      })
    })
    return counts
  }

  function hasFilters (selection) {
    return GROUPS.some(function (g) { return selection[g] && selection[g].length > 0 })
  }

  /* ------------------------------------------------------------------ */
  /* URL state: ?q=...&type=job&type=internship&sector=...                */
  /* ------------------------------------------------------------------ */

  function parseState (search) {
    var params = new URLSearchParams(search)
    var filters = {}
    GROUPS.forEach(function (group) {
      var values = params.getAll(group).filter(function (v) { return v !== '' })
      if (values.length) filters[group] = values.filter(function (v, i) { return values.indexOf(v) === i })
    })
    return { q: params.get('q') || '', filters: filters }
  }

  function formatState (state) {
    var params = new URLSearchParams()
    if (state.q) params.append('q', state.q)
    GROUPS.forEach(function (group) {
      (state.filters[group] || []).forEach(function (value) { params.append(group, value) })
    })
    var text = params.toString()
    return text ? '?' + text : ''
  }

  return {
    GROUPS: GROUPS,
    PREFIX_MIN: PREFIX_MIN,
    PREFIX_BOOST: PREFIX_BOOST,
    normalise: normalise,
    plans: plans,
    createEngine: createEngine,
    valuesOf: valuesOf,
    passes: passes,
    applyFilters: applyFilters,
    facetCounts: facetCounts,
    hasFilters: hasFilters,
    parseState: parseState,
    formatState: formatState
  }
}))
