/*!
 * Work in Twente search core for lunr.js 2.3.9: queries, the split index, filters, URL state.
 *
 * No DOM here, so node runs it too (tests/js).  The query construction and ranking are
 * mirrored in Python by plugins/search_index/query.py; read its docstring for the rules:
 *
 *   normalise -> words -> content / stop / generic words (acronyms are content) ->
 *   per word its options (tokenizeQuery terms per language) and, while the last word is
 *   being typed, its prefix; two neighbouring words also written as one -> one lunr
 *   query, every term an optional clause
 *   (usePipeline false), prefixes as trailing wildcards with boost PREFIX_BOOST ->
 *   count the content and generic words each result matches; keep those matching the
 *   most, and the best of those matching at least half the content words (score >=
 *   PARTIAL_SHARE of the best); order by content words, generic words, score, ref.
 *
 * The index arrives in term-range shards (plugins/search_index/split_index.py): a query
 * needs only the shards of its own terms, and createSplitIndex assembles a partial
 * lunr.Index from those, which scores exactly like the whole index.  Its query works
 * straight from the shards' postings (scoreQuery: lunr's formula, in lunr's order, so the
 * same scores to the last bit), with typed arrays instead of lunr's objects per posting
 * and per match, which were most of a first search's time at 10,000 vacancies; lunr's
 * inverted index, field vectors and token set are assembled only for a query it does
 * not cover (required or prohibited terms, one field, fuzzy or leading wildcards).
 *
 * Usage:
 *   TwenteSearchPipeline.registerTwentePipeline(lunr, pipelineData)
 *   var split = TwenteSearchCore.createSplitIndex({ lunr: lunr, manifest: manifest,
 *     loadShard: function (name) { return promiseOfParsedJson } })
 *   var plan = TwenteSearchCore.analyseQuery('ontwikkelaar enschede', languages, pipeline)
 *   split.indexFor(plan).then(function (index) {
 *     var matches = TwenteSearchCore.searchIndex(lunr, index, plan)  // [{ref, score, words, extra}]
 *   })
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
  var PARTIAL_SHARE = 0.5
  var WEIGHT_SCALE = 1000

  function normalise (text) {
    return String(text).replace(SPLIT, ' ')
  }

  function unique (items) {
    var seen = new Set()
    return items.filter(function (item) {
      var key = typeof item === 'string' ? item : JSON.stringify(item)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  }

  /* ------------------------------------------------------------------ */
  /* Queries                                                             */
  /* ------------------------------------------------------------------ */

  function wordKind (word, languages, pipeline, generic) {
    if (pipeline.isAcronym(word)) return 'content'
    var stop = languages.some(function (lang) { return pipeline.tokenizeQuery(word, lang).length === 0 })
    if (stop) return 'stop'
    if (generic.has(pipeline.fold(pipeline.trim(word)))) return 'generic'
    return 'content'
  }

  /**
   * The words of `text` to search, or null when nothing is left:
   * {words: [{text, options: [[term, ...], ...], prefix: 'abc' | null, generic: bool}],
   *  everyVacancy: bool (a query of generic words only: list every vacancy),
   *  stopWordsOnly: bool (a result must match every word)}.
   * `pipeline` is TwenteSearchPipeline, registered on lunr.
   */
  function analyseQuery (text, languages, pipeline) {
    var separator = pipeline.QUERY_SEPARATOR
    text = normalise(text)
    var words = text.split(separator).filter(function (w) { return w !== '' })
    if (words.length === 0) return null
    var generic = pipeline.genericWords(languages)
    var kinds = words.map(function (w) { return wordKind(w, languages, pipeline, generic) })
    if (kinds.indexOf('content') === -1 && kinds.indexOf('generic') !== -1) {
      return { words: [], pairs: [], everyVacancy: true, stopWordsOnly: false }
    }
    var searched = kinds.indexOf('content') !== -1 ? ['content', 'generic'] : ['stop']
    var keepStopWords = searched[0] === 'stop'
    var typing = searched.indexOf(kinds[kinds.length - 1]) !== -1 && !keepStopWords &&
      !separator.test(text.slice(-1))
    var planned = []
    words.forEach(function (word, position) {
      var kind = kinds[position]
      if (searched.indexOf(kind) === -1) return
      var keep = keepStopWords || pipeline.isAcronym(word)
      var options = unique(languages.map(function (lang) {
        return pipeline.tokenizeQuery(word, lang, keep)
      }).filter(function (terms) { return terms.length > 0 }))
      var prefix = typing && position === words.length - 1 ? pipeline.fold(pipeline.trim(word)) : ''
      prefix = prefix.length >= PREFIX_MIN ? prefix : null
      if (options.length > 0 || prefix !== null) {
        planned.push({ text: word, options: options, prefix: prefix, generic: kind === 'generic' })
      }
    })
    if (planned.length === 0) return null
    return {
      words: planned,
      pairs: keepStopWords ? [] : pairsOf(planned, languages, pipeline),
      everyVacancy: false,
      stopWordsOnly: keepStopWords
    }
  }

  /** Options of every two neighbouring content words written as one (clean room -> cleanroom):
   *  [[position of the first word, [[term, ...], ...]], ...]. */
  function pairsOf (words, languages, pipeline) {
    var pairs = []
    for (var position = 0; position + 1 < words.length; position++) {
      var first = words[position]
      var second = words[position + 1]
      if (first.generic || second.generic) continue
      var joined = pipeline.trim(first.text) + pipeline.trim(second.text)
      var options = unique(languages.map(function (lang) {
        return pipeline.tokenizeQuery(joined, lang)
      }).filter(function (terms) { return terms.length > 0 }))
      if (options.length > 0) pairs.push([position, options])
    }
    return pairs
  }

  /** Every distinct term of every option of `plan`, in word and language order, then the pairs'. */
  function planTerms (plan) {
    var terms = []
    plan.words.forEach(function (word) {
      word.options.forEach(function (option) { terms.push.apply(terms, option) })
    })
    plan.pairs.forEach(function (pair) {
      pair[1].forEach(function (option) { terms.push.apply(terms, option) })
    })
    return unique(terms)
  }

  function planPrefixes (plan) {
    return plan.words.filter(function (w) { return w.prefix !== null }).map(function (w) { return w.prefix })
  }

  function requiredWords (plan) {
    var content = plan.words.filter(function (w) { return !w.generic }).length
    return plan.stopWordsOnly ? content : Math.max(1, Math.ceil(content / 2))
  }

  function holdsOne (options, terms) {
    return options.some(function (option) {
      return option.every(function (term) { return term in terms })
    })
  }

  /** [content words, generic words] of `plan` a document matches; `terms`: the terms it
   *  matched, as the keys of an object without a prototype (a result's matchData.metadata). */
  function matchedWords (plan, terms) {
    var hit = plan.words.map(function (word) {
      var found = holdsOne(word.options, terms)
      if (!found && word.prefix !== null) {
        for (var term in terms) {
          if (term.lastIndexOf(word.prefix, 0) === 0) { found = true; break }
        }
      }
      return found
    })
    plan.pairs.forEach(function (pair) {
      if (holdsOne(pair[1], terms)) hit[pair[0]] = hit[pair[0] + 1] = true
    })
    var counts = [0, 0]
    plan.words.forEach(function (word, i) { if (hit[i]) counts[word.generic ? 1 : 0]++ })
    return counts
  }

  /** What matchedWords gives, from the set of the plan's terms and prefixes a result holds
   *  (a bit each: maskOf(term)), worked out once per set (countsOf(mask)); null when the
   *  plan has too many terms for the bits of a number. */
  function wordCounter (plan) {
    var terms = planTerms(plan)
    var prefixes = planPrefixes(plan)
    if (terms.length + prefixes.length > 30) return null
    var bitOf = Object.create(null)
    terms.forEach(function (term, i) { bitOf[term] = 1 << i })
    var masks = Object.create(null)
    function maskOf (term) {
      var mask = masks[term]
      if (mask === undefined) {
        mask = bitOf[term] || 0
        prefixes.forEach(function (prefix, j) {
          if (term.lastIndexOf(prefix, 0) === 0) mask |= 1 << (terms.length + j)
        })
        masks[term] = mask
      }
      return mask
    }
    function optionMasks (options) {
      return options.map(function (option) {
        return option.reduce(function (mask, term) { return mask | bitOf[term] }, 0)
      })
    }
    function holds (masks, mask) {
      return masks.some(function (wanted) { return (mask & wanted) === wanted })
    }
    var prefixed = 0
    var words = plan.words.map(function (word) {
      var prefixBit = word.prefix === null ? 0 : 1 << (terms.length + prefixed++)
      return { options: optionMasks(word.options), prefix: prefixBit, generic: word.generic }
    })
    var pairs = plan.pairs.map(function (pair) { return [pair[0], optionMasks(pair[1])] })
    var counts = new Map()  // mask -> [content words, generic words]
    function countsOf (mask) {
      var found = counts.get(mask)
      if (found !== undefined) return found
      var hit = words.map(function (word) { return holds(word.options, mask) || (mask & word.prefix) !== 0 })
      pairs.forEach(function (pair) { if (holds(pair[1], mask)) hit[pair[0]] = hit[pair[0] + 1] = true })
      found = [0, 0]
      words.forEach(function (word, i) { if (hit[i]) found[word.generic ? 1 : 0]++ })
      counts.set(mask, found)
      return found
    }
    return { maskOf: maskOf, countsOf: countsOf }
  }

  function roundScore (score) {
    var factor = Math.pow(10, SCORE_DECIMALS)
    return Math.round(score * factor) / factor
  }

  /** The candidates `positions` in searchIndex's order: content words, generic words, score
   *  rounded to SCORE_DECIMALS (descending), ref.  With the score as an integer of millionths
   *  and the ref in the low bits, a group's order is that of one number, which a typed array
   *  sorts natively; thousands of results sorted with a comparator took milliseconds. */
  function sortMatches (positions, refs, scores, words, extra) {
    var factor = Math.pow(10, SCORE_DECIMALS)
    var most = 0
    var groups = new Map()  // words * 256 + extra -> positions
    positions.forEach(function (at) {
      if (refs[at] > most) most = refs[at]
      var group = words[at] * 256 + extra[at]
      if (!groups.has(group)) groups.set(group, [])
      groups.get(group).push(at)
    })
    var span = Math.pow(2, Math.ceil(Math.log2(most + 2)))
    var sorted = []
    Array.from(groups.keys()).sort(function (a, b) { return b - a }).forEach(function (group) {
      var members = groups.get(group)
      var keys = new Float64Array(members.length)
      var exact = true
      members.forEach(function (at, n) {
        var millionths = Math.round(scores[at] * factor)
        keys[n] = millionths * span + (span - 1 - refs[at])
        if (!(millionths >= 0 && keys[n] <= Number.MAX_SAFE_INTEGER)) exact = false
      })
      if (!exact) {
        members.sort(function (a, b) {
          return (roundScore(scores[b]) - roundScore(scores[a])) || (refs[a] - refs[b])
        })
        members.forEach(function (at) { sorted.push(at) })
        return
      }
      var atRef = new Map()
      members.forEach(function (at) { atRef.set(refs[at], at) })
      keys.sort()
      for (var n = keys.length - 1; n >= 0; n--) sorted.push(atRef.get(span - 1 - keys[n] % span))
    })
    return sorted
  }

  /** The lunr query of `plan` (for lunr.Index#query): every term an optional clause, the
   *  prefixes trailing wildcards boosted by PREFIX_BOOST. */
  function queryOf (lunr, plan) {
    return function (query) {
      planTerms(plan).forEach(function (term) {
        // lunr.Query#term keeps the options object as the clause: one object per term.
        query.term(term, { usePipeline: false, presence: lunr.Query.presence.OPTIONAL })
      })
      planPrefixes(plan).forEach(function (prefix) {
        query.term(prefix, {
          usePipeline: false,
          presence: lunr.Query.presence.OPTIONAL,
          wildcard: lunr.Query.wildcard.TRAILING,
          boost: PREFIX_BOOST
        })
      })
    }
  }

  /** The matches of `plan` in a lunr.Index, best first: [{ref, score, words}].
   *  `vacancies` ([first ref, end], the manifest's kinds.vacancy) is what a query of
   *  generic words only lists. */
  function searchIndex (lunr, index, plan, vacancies) {
    if (plan === null) return []
    if (plan.everyVacancy) {
      var all = []
      for (var ref = vacancies ? vacancies[0] : 0; vacancies && ref < vacancies[1]; ref++) {
        all.push({ ref: ref, score: 0, words: 0, extra: 0 })
      }
      return all
    }
    // Each candidate's ref, score and content and generic words matched: straight from the
    // partial index's matches where it gives them, else from lunr's results.
    var query = queryOf(lunr, plan)
    var counter = wordCounter(plan)
    var found = counter !== null && typeof index.matchesOf === 'function' ? index.matchesOf(query) : null
    var results = found === null ? index.query(query) : null
    var count = found !== null ? found.order.length : results.length
    var refs = found !== null ? found.order : new Array(count)
    var scores = new Float64Array(count)
    var words = new Uint8Array(count)
    var extra = new Uint8Array(count)
    var maskOfTerm = found !== null ? found.matches.names.map(counter.maskOf) : null
    var i, counts
    for (i = 0; i < count; i++) {
      if (found !== null) {
        scores[i] = found.scores[refs[i]]
        counts = counter.countsOf(found.matches.maskOf(refs[i], maskOfTerm))
      } else {
        var metadata = results[i].matchData.metadata
        refs[i] = Number(results[i].ref)
        scores[i] = results[i].score
        if (counter === null) {
          counts = matchedWords(plan, metadata)
        } else {
          var mask = 0
          for (var term in metadata) mask |= counter.maskOf(term)
          counts = counter.countsOf(mask)
        }
      }
      words[i] = counts[0]
      extra[i] = counts[1]
    }
    var needed = requiredWords(plan)
    var topWords = 0
    var topExtra = 0
    var best = 0
    for (i = 0; i < count; i++) {
      if (words[i] > topWords || (words[i] === topWords && extra[i] > topExtra)) {
        topWords = words[i]
        topExtra = extra[i]
      }
      if (scores[i] > best) best = scores[i]
    }
    var floor = PARTIAL_SHARE * best
    var minimum = plan.stopWordsOnly ? needed : 1
    var kept = []
    for (i = 0; i < count; i++) {
      var atTop = words[i] === topWords && extra[i] === topExtra
      if (words[i] >= minimum && (atTop || (words[i] >= needed && scores[i] >= floor))) kept.push(i)
    }
    var matches = new Array(kept.length)
    sortMatches(kept, refs, scores, words, extra).forEach(function (at, n) {
      matches[n] = { ref: refs[at], score: scores[at], words: words[at], extra: extra[at] }
    })
    return matches
  }

  /* ------------------------------------------------------------------ */
  /* The split index                                                     */
  /* ------------------------------------------------------------------ */

  /** Index of the last entry of the sorted `firsts` that is <= `term` (0 if none). */
  function shardOf (firsts, term) {
    var low = 0
    var high = firsts.length
    while (low < high) {
      var middle = (low + high) >> 1
      if (firsts[middle] <= term) low = middle + 1
      else high = middle
    }
    return Math.max(low - 1, 0)
  }

  /** Numbers of the shards holding `terms` and every term starting with one of `prefixes`. */
  function shardsFor (firsts, terms, prefixes) {
    var needed = new Set()
    terms.forEach(function (term) { needed.add(shardOf(firsts, term)) })
    prefixes.forEach(function (prefix) {
      var high = shardOf(firsts, prefix + '\uffff')
      for (var n = shardOf(firsts, prefix); n <= high; n++) needed.add(n)
    })
    return Array.from(needed).sort(function (a, b) { return a - b })
  }

  function shardName (hash) {
    return 'shards/' + hash + '.json'
  }

  /** The matches of one query, (ref, term, field) each: per ref a list of links in typed
   *  arrays (scoreQuery fills them: head[ref] its last link, next[link] the one before). */
  function TermMatches (names, documents, size) {
    this.names = names
    this.head = new Int32Array(documents).fill(-1)
    this.next = new Int32Array(size)
    this.term = new Int32Array(size)
    this.field = new Uint8Array(size)
  }
  /** The bits `maskOfTerm[term number]` of ref's terms, or-ed. */
  TermMatches.prototype.maskOf = function (ref, maskOfTerm) {
    var mask = 0
    for (var link = this.head[ref]; link !== -1; link = this.next[link]) mask |= maskOfTerm[this.term[link]]
    return mask
  }

  /**
   * The shards of one language's index, loaded on demand and assembled into a lunr.Index.
   * options: {lunr, manifest, loadShard(name) -> Promise of the parsed shard}
   */
  function createSplitIndex (options) {
    var lunr = options.lunr
    var manifest = options.manifest
    var fields = manifest.fields
    var firsts = manifest.shards.map(function (entry) { return entry[0] })
    var loaded = new Map()  // shard number -> Promise of the shard
    var ready = new Map()  // shard number -> shard
    var built = null  // {shards: count, index}
    var pipeline = lunr.Pipeline.load(manifest.pipeline)

    function load (numbers) {
      return Promise.all(numbers.map(function (number) {
        if (!loaded.has(number)) {
          loaded.set(number, Promise.resolve(options.loadShard(shardName(manifest.shards[number][1])))
            .then(function (shard) { ready.set(number, shard); return shard }, function (error) {
              loaded.delete(number)
              throw error
            }))
        }
        return loaded.get(number)
      }))
    }

    // What the shards added so far hold, kept between queries so that a new shard costs only
    // its own postings: the inverted index, each field vector's elements ([term index,
    // weight, ...], ascending; per field, by ref) and the sorted terms.
    var invertedIndex = Object.create(null)
    var elementsOf = fields.map(function () { return [] })
    var fieldVectors = Object.create(null)
    var terms = []
    var added = new Set()
    // Every posting's metadata: lunr only reads it (MatchData copies its keys), and the index
    // stores none, so one empty object serves them all (a shard of common words holds tens of
    // thousands of postings: an object each was most of the garbage of a first search).
    var NO_METADATA = Object.freeze(Object.create(null))

    /** Add a shard's postings; `touched[f]` gets the refs whose field-f vectors changed. */
    function addShard (shard, touched) {
      var entries = shard.terms
      for (var offset = 0; offset < entries.length; offset++) {
        var entry = entries[offset]
        var termIndex = shard.start + offset
        var posting = { _index: termIndex }
        for (var f = 0; f < fields.length; f++) {
          var flat = entry[f + 1]
          var refs = Object.create(null)
          var byRef = elementsOf[f]
          var changed = touched[f]
          var ref = 0
          for (var i = 0; i < flat.length; i += 2) {
            ref += flat[i]
            refs[ref] = NO_METADATA
            var elements = byRef[ref]
            if (elements === undefined) elements = byRef[ref] = []
            var weight = flat[i + 1] / WEIGHT_SCALE
            if (elements.length === 0 || elements[elements.length - 2] < termIndex) {
              elements.push(termIndex, weight)
            } else {
              // A shard of lower terms than one loaded before: insert in term order.
              var at = elements.length
              while (at > 0 && elements[at - 2] > termIndex) at -= 2
              elements.splice(at, 0, termIndex, weight)
            }
            changed.add(ref)
          }
          posting[fields[f]] = refs
        }
        invertedIndex[entry[0]] = posting
      }
      var merged = new Array(terms.length + entries.length)
      var a = 0
      var b = 0
      var n = 0
      while (a < terms.length || b < entries.length) {
        if (b >= entries.length || (a < terms.length && terms[a] < entries[b][0])) merged[n++] = terms[a++]
        else merged[n++] = entries[b++][0]
      }
      terms = merged
    }

    /** A lunr.Index of every shard loaded so far (made again only when one was added). */
    function assemble () {
      if (built !== null && built.shards === ready.size) return built.index
      var touched = fields.map(function () { return new Set() })
      Array.from(ready.keys()).sort(function (a, b) { return a - b }).forEach(function (number) {
        if (added.has(number)) return
        added.add(number)
        addShard(ready.get(number), touched)
      })
      touched.forEach(function (refs, f) {
        var prefix = fields[f] + '/'
        var byRef = elementsOf[f]
        refs.forEach(function (ref) { fieldVectors[prefix + ref] = new lunr.Vector(byRef[ref]) })
      })
      var index = new lunr.Index({
        invertedIndex: invertedIndex,
        fieldVectors: fieldVectors,
        tokenSet: lunr.TokenSet.fromArray(terms),
        fields: fields,
        pipeline: pipeline
      })
      built = { shards: ready.size, index: index }
      return index
    }

    /* -------------------------------------------------------------- */
    /* Queries straight from the shards                                */
    /* -------------------------------------------------------------- */

    /** Position of the first of a shard's sorted `entries` whose term is not below `term`. */
    function lowerBound (entries, term) {
      var low = 0
      var high = entries.length
      while (low < high) {
        var middle = (low + high) >> 1
        if (entries[middle][0] < term) low = middle + 1
        else high = middle
      }
      return low
    }

    /** The loaded entry of `term` as [term, term index, entry], or null. */
    function entryOf (term) {
      var shard = ready.get(shardOf(firsts, term))
      if (shard === undefined) return null
      var at = lowerBound(shard.terms, term)
      return at < shard.terms.length && shard.terms[at][0] === term ? [term, shard.start + at, shard.terms[at]] : null
    }

    /** Every loaded term starting with `prefix`, as entryOf gives them, in lunr's order (that
     *  of lunr.TokenSet#toArray: it decides which field of a document lunr adds up first). */
    function entriesWithPrefix (prefix) {
      var found = []
      for (var number = shardOf(firsts, prefix); number < firsts.length; number++) {
        var shard = ready.get(number)
        if (shard === undefined) break
        var entries = shard.terms
        var low = lowerBound(entries, prefix)
        for (; low < entries.length && entries[low][0].lastIndexOf(prefix, 0) === 0; low++) {
          found.push([entries[low][0], shard.start + low, entries[low]])
        }
        if (low < entries.length) break
      }
      if (found.length < 2) return found
      var byTerm = Object.create(null)
      found.forEach(function (item) { byTerm[item[0]] = item })
      return lunr.TokenSet.fromArray(found.map(function (item) { return item[0] })).toArray()
        .map(function (term) { return byTerm[term] })
    }

    /** What lunr.Index#query finds for `query` (a lunr.Query) on the loaded shards, worked
     *  out from the shards' postings without lunr's objects per posting: {order (the refs in
     *  the order lunr first meets them), scores (by ref), matches (a TermMatches)}; null for
     *  a query this does not cover (it takes optional clauses over every field, with no edit
     *  distance and no wildcard but a trailing one), which lunr then answers itself.
     *
     *  lunr scores a document as the sum, over its fields in the order they first matched, of
     *  the dot product of the query vector (each matched term's summed boosts) with the
     *  field's vector (ascending term index), divided by the query vector's length.  Done
     *  here in the same order, so the scores are the same numbers, not just close ones. */
    function scoreQuery (query) {
      var clauses = query.clauses
      if (clauses.length === 0) return null
      var wanted = []  // per clause, its expanded [term, term index, entry]s
      for (var c = 0; c < clauses.length; c++) {
        var clause = clauses[c]
        if (clause.presence !== lunr.Query.presence.OPTIONAL || 'editDistance' in clause ||
            clause.fields.length !== fields.length ||
            clause.fields.some(function (field, f) { return field !== fields[f] })) return null
        var clauseTerms = clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term]
        var expanded = []
        for (var t = 0; t < clauseTerms.length; t++) {
          var term = clauseTerms[t]
          var star = term.indexOf('*')
          if (star === -1) {
            var entry = entryOf(term)
            if (entry !== null) expanded.push(entry)
          } else if (star === term.length - 1 && star > 0) {
            expanded.push.apply(expanded, entriesWithPrefix(term.slice(0, -1)))
          } else {
            return null
          }
        }
        wanted.push([clause.boost, expanded])
      }
      // Which documents match which terms in which fields, in lunr's order: `seen[f][ref]` is
      // the position at which field f of ref first matched (0: never); each match (ref, term,
      // field) is a link of ref's list in `matches` (typed arrays: no object per posting).
      var documents = manifest.documents
      var seen = fields.map(function () { return new Uint32Array(documents) })
      var boosts = new Map()  // term index -> summed boost (the query vector)
      var numberOf = Object.create(null)  // term -> its number (in the order lunr meets them)
      var termEntries = []  // term number -> its [term, term index, entry]
      var postings = 0
      wanted.forEach(function (item) {
        item[1].forEach(function (found) {
          if (found[0] in numberOf) return
          numberOf[found[0]] = termEntries.length
          termEntries.push(found)
          for (var f = 0; f < fields.length; f++) postings += found[2][f + 1].length / 2
        })
      })
      var names = termEntries.map(function (found) { return found[0] })
      var matches = new TermMatches(names, documents, postings)
      var head = matches.head
      var next = matches.next
      var termOf = matches.term
      var fieldOf = matches.field
      var links = 0
      var order = []  // refs in the order they first matched
      var visited = new Uint8Array(termEntries.length)  // lunr's termFieldCache
      var position = 0
      for (var w = 0; w < wanted.length; w++) {
        var boost = wanted[w][0]
        var expandedTerms = wanted[w][1]
        for (var x = 0; x < expandedTerms.length; x++) {
          var found = expandedTerms[x]
          boosts.set(found[1], (boosts.has(found[1]) ? boosts.get(found[1]) : 0) + boost)
          var number = numberOf[found[0]]
          if (visited[number]) continue
          visited[number] = 1
          for (var f = 0; f < fields.length; f++) {
            var flat = found[2][f + 1]
            var first = seen[f]
            var ref = 0
            for (var i = 0; i < flat.length; i += 2) {
              ref += flat[i]
              if (first[ref] === 0) first[ref] = ++position
              if (head[ref] === -1) order.push(ref)
              next[links] = head[ref]
              termOf[links] = number
              fieldOf[links] = f
              head[ref] = links++
            }
          }
        }
      }
      // The dot products, term by term in ascending term index, as lunr.Vector#dot adds them.
      var indexes = Array.from(boosts.keys()).sort(function (a, b) { return a - b })
      var squares = 0
      for (var n = 0; n < indexes.length; n++) squares += boosts.get(indexes[n]) * boosts.get(indexes[n])
      var length = Math.sqrt(squares)
      var byIndex = new Map()
      for (n = 0; n < termEntries.length; n++) byIndex.set(termEntries[n][1], termEntries[n][2])
      var dots = fields.map(function () { return new Float64Array(documents) })
      for (n = 0; n < indexes.length; n++) {
        var entry = byIndex.get(indexes[n])
        boost = boosts.get(indexes[n])
        for (f = 0; f < fields.length; f++) {
          flat = entry[f + 1]
          var dot = dots[f]
          ref = 0
          for (i = 0; i < flat.length; i += 2) {
            ref += flat[i]
            dot[ref] += boost * (flat[i + 1] / WEIGHT_SCALE)
          }
        }
      }
      // Each ref's score: its fields' parts added in the order the fields first matched.
      var scores = new Float64Array(documents)
      var matched = new Int32Array(fields.length)
      for (var r = 0; r < order.length; r++) {
        ref = order[r]
        var count = 0
        for (f = 0; f < fields.length; f++) {
          var at = seen[f][ref]
          if (at === 0) continue
          var k = count++
          while (k > 0 && seen[matched[k - 1]][ref] > at) { matched[k] = matched[k - 1]; k-- }
          matched[k] = f
        }
        var score = 0
        for (var m = 0; m < count; m++) {
          var part = dots[matched[m]][ref] / length || 0
          score = m === 0 ? part : score + part
        }
        scores[ref] = score
      }
      return { order: order, scores: scores, matches: matches }
    }

    /** A result's lunr.MatchData: its `metadata` ({term: {field: {}}}, what lunr gives, the
     *  index storing no positions) is made when first read; forEachTerm reads the matches
     *  without making it. */
    function SplitMatchData (matches, ref) {
      this.matches = matches
      this.ref = ref
    }
    SplitMatchData.prototype = Object.create(lunr.MatchData.prototype)
    SplitMatchData.prototype.constructor = SplitMatchData
    SplitMatchData.prototype.forEachTerm = function (callback) {
      var matches = this.matches
      for (var link = matches.head[this.ref]; link !== -1; link = matches.next[link]) {
        callback(matches.names[matches.term[link]], fields[matches.field[link]])
      }
    }
    Object.defineProperty(SplitMatchData.prototype, 'metadata', {
      get: function () {
        var metadata = Object.create(null)
        this.forEachTerm(function (term, field) {
          (metadata[term] || (metadata[term] = Object.create(null)))[field] = Object.create(null)
        })
        Object.defineProperty(this, 'metadata', { value: metadata, writable: true, enumerable: true })
        return metadata
      }
    })

    /** The partial lunr.Index that indexFor gives: lunr's own methods work on it (its inverted
     *  index, field vectors and token set are assembled from the loaded shards when one of
     *  them reads them), and its query runs scoreQuery where that covers the query. */
    function PartialIndex () {
      this.fields = fields
      this.pipeline = pipeline
    }
    PartialIndex.prototype = Object.create(lunr.Index.prototype)
    PartialIndex.prototype.constructor = PartialIndex
    ;['invertedIndex', 'fieldVectors', 'tokenSet'].forEach(function (name) {
      Object.defineProperty(PartialIndex.prototype, name, { get: function () { return assemble()[name] } })
    })
    /** The matches of a lunr query function: what scoreQuery gives, or null. */
    PartialIndex.prototype.matchesOf = function (fn) {
      var query = new lunr.Query(fields)
      fn.call(query, query)
      return scoreQuery(query)
    }
    PartialIndex.prototype.query = function (fn) {
      var found = this.matchesOf(fn)
      if (found === null) return assemble().query(fn)
      var results = found.order.map(function (ref) {
        return { ref: String(ref), score: found.scores[ref], matchData: new SplitMatchData(found.matches, ref) }
      })
      // lunr's sort: by score, ties in the order they first matched (Array#sort is stable).
      return results.sort(function (a, b) { return b.score - a.score })
    }
    var partial = new PartialIndex()

    /** Promise of a lunr.Index that answers `plan` exactly like the whole index. */
    function indexFor (plan) {
      var numbers = plan === null ? [] : shardsFor(firsts, planTerms(plan), planPrefixes(plan))
      return load(numbers).then(function () { return partial })
    }

    /** Whether `plan` can be answered without loading another shard. */
    function hasShardsFor (plan) {
      if (plan === null) return true
      return shardsFor(firsts, planTerms(plan), planPrefixes(plan)).every(function (n) { return ready.has(n) })
    }

    return {
      manifest: manifest,
      indexFor: indexFor,
      hasShardsFor: hasShardsFor,
      assemble: assemble,
      loadedShards: function () { return ready.size },
      shardsFor: function (plan) { return shardsFor(firsts, planTerms(plan), planPrefixes(plan)) }
    }
  }

  /* ------------------------------------------------------------------ */
  /* Filters: the facet table (documents.facet_table)                    */
  /* ------------------------------------------------------------------ */

  var CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_'

  /** Decode a facet table: {documents, groups: [{name, values, masks: Uint32Array}]}. */
  function decodeFacets (table) {
    var digit = Object.create(null)
    for (var i = 0; i < CODE_ALPHABET.length; i++) digit[CODE_ALPHABET.charAt(i)] = i
    var groups = table.groups.map(function (group) {
      var masks = new Uint32Array(table.documents)
      var codes = group.codes
      for (var ref = 0; ref < table.documents; ref++) {
        if (group.width === 0) {
          var code = digit[codes.charAt(ref)]
          masks[ref] = code === 0 ? 0 : (1 << (code - 1)) >>> 0
        } else {
          var mask = 0
          for (var d = 0; d < group.width; d++) mask = mask * 64 + digit[codes.charAt(ref * group.width + d)]
          masks[ref] = mask >>> 0
        }
      }
      return { name: group.name, values: group.values, masks: masks }
    })
    return { documents: table.documents, groups: groups }
  }

  /** The values document `ref` has in `group` (a group name). */
  function valuesOf (facets, ref, group) {
    var found = []
    facets.groups.forEach(function (g) {
      if (g.name !== group) return
      g.values.forEach(function (value, i) { if ((g.masks[ref] >>> i) & 1) found.push(value) })
    })
    return found
  }

  /** Per group, the bit mask of the selected values (groups without a selection are left out). */
  function selectionMasks (facets, selection) {
    var wanted = []
    facets.groups.forEach(function (group) {
      var values = selection[group.name]
      if (!values || values.length === 0) return
      var mask = 0
      values.forEach(function (value) {
        var i = group.values.indexOf(value)
        if (i !== -1) mask = (mask | (1 << i)) >>> 0
      })
      wanted.push({ group: group, mask: mask })
    })
    return wanted
  }

  /** Whether document `ref` passes every wanted group except `except`.  Values within a
   *  group are alternatives (OR); groups combine with AND. */
  function passesMasks (ref, wanted, except) {
    for (var i = 0; i < wanted.length; i++) {
      if (wanted[i].group === except) continue
      if ((wanted[i].group.masks[ref] & wanted[i].mask) === 0) return false
    }
    return true
  }

  function applyFilters (refs, facets, selection) {
    var wanted = selectionMasks(facets, selection)
    if (wanted.length === 0) return refs.slice()
    return refs.filter(function (ref) { return passesMasks(ref, wanted, null) })
  }

  /** Per group, per value: how many of `refs` match with that value, given the other
   *  groups' selections (so a count is what ticking that box alone would add). */
  function facetCounts (refs, facets, selection) {
    var wanted = selectionMasks(facets, selection)
    var counts = {}
    facets.groups.forEach(function (group) {
      var perBit = new Array(group.values.length).fill(0)
      refs.forEach(function (ref) {
        var mask = group.masks[ref]
        if (mask === 0 || !passesMasks(ref, wanted, group)) return
        for (var i = 0; mask !== 0; i++, mask >>>= 1) if (mask & 1) perBit[i]++
      })
      var byValue = {}
      group.values.forEach(function (value, i) { if (perBit[i]) byValue[value] = perBit[i] })
      counts[group.name] = byValue
    })
    return counts
  }

  function hasFilters (selection) {
    return Object.keys(selection).some(function (g) { return selection[g] && selection[g].length > 0 })
  }

  /* ------------------------------------------------------------------ */
  /* URL state: ?q=...&type=job&type=internship&sector=...                */
  /* ------------------------------------------------------------------ */

  function parseState (search, groups) {
    var params = new URLSearchParams(search)
    var filters = {}
    groups.forEach(function (group) {
      var values = params.getAll(group).filter(function (v) { return v !== '' })
      if (values.length) filters[group] = unique(values)
    })
    return { q: params.get('q') || '', filters: filters }
  }

  function formatState (state, groups) {
    var params = new URLSearchParams()
    if (state.q) params.append('q', state.q)
    groups.forEach(function (group) {
      (state.filters[group] || []).forEach(function (value) { params.append(group, value) })
    })
    var text = params.toString()
    return text ? '?' + text : ''
  }

  return {
    PREFIX_MIN: PREFIX_MIN,
    PREFIX_BOOST: PREFIX_BOOST,
    normalise: normalise,
    analyseQuery: analyseQuery,
    planTerms: planTerms,
    planPrefixes: planPrefixes,
    requiredWords: requiredWords,
    queryOf: queryOf,
    searchIndex: searchIndex,
    shardsFor: shardsFor,
    createSplitIndex: createSplitIndex,
    decodeFacets: decodeFacets,
    valuesOf: valuesOf,
    applyFilters: applyFilters,
    facetCounts: facetCounts,
    hasFilters: hasFilters,
    parseState: parseState,
    formatState: formatState
  }
}))
