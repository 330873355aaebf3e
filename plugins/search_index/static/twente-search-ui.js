/*!
 * Work in Twente search page and header search box.
 *
 * Loaded (deferred) on every page.  Reads its settings from the JSON block
 * #search-config and, on the search page, its texts from #search-messages; both are
 * rendered by the templates through gettext, so this file holds no UI text.
 *
 * - Any page: the header box is a plain GET form to <lang>/search/?q=...; on its first
 *   focus the search scripts and the language's manifest are prefetched.
 * - Search page ([data-search-page]): reads the manifest and the pipeline data from the page
 *   (#search-manifest, #search-pipeline-data) and loads the filter table (preloaded by the
 *   page), then, per query, only the index shards its terms need
 *   (TwenteSearchCore.createSplitIndex) and the records of the results shown.  Searches as
 *   you type (debounced); filters with counts; query and filters in the URL (replaceState
 *   while typing, pushState on filter changes and Enter; popstate restores).  Results that
 *   match only some of the words come after the others, under their own heading.  Results
 *   are built with textContent only.
 */
(function () {
  'use strict'

  var DEBOUNCE_MS = 120
  var PAGE_SIZE = 12
  var FIRST_RECORDS = 3  // asked for before the rest of a page's records (showResults)

  function readJson (id) {
    var element = document.getElementById(id)
    return element ? JSON.parse(element.textContent) : null
  }

  function prefetchOnFocus (config) {
    var done = false
    function prefetch () {
      if (done) return
      done = true
      config.prefetch.forEach(function (href) {
        var link = document.createElement('link')
        link.rel = 'prefetch'
        link.href = href
        document.head.appendChild(link)
      })
    }
    document.querySelectorAll('[data-search-input]').forEach(function (input) {
      input.addEventListener('focus', prefetch, { once: true })
    })
  }

  function fetchJson (url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status)
      return response.json()
    })
  }

  function format (template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all
    })
  }

  function mark (name) {
    if (window.performance && window.performance.mark) window.performance.mark(name)
  }

  function SearchPage (root, config, messages) {
    var Core = window.TwenteSearchCore
    var Pipeline = window.TwenteSearchPipeline
    var lunr = window.lunr
    var input = root.querySelector('[data-search-main]')
    var form = root.querySelector('[data-search-form]')
    var ui = root.querySelector('[data-search-ui]')
    var filtersForm = root.querySelector('[data-search-filters]')
    var status = root.querySelector('[data-search-status]')
    var list = root.querySelector('[data-search-results]')
    var partialHeading = root.querySelector('[data-search-partial-heading]')
    var partialList = root.querySelector('[data-search-partial]')
    var more = root.querySelector('[data-search-more]')
    var clear = root.querySelector('[data-clear-filters]')
    var noJs = root.querySelectorAll('[data-no-js]')
    var feeds = readJson('search-feeds') || {}
    var boxes = Array.prototype.slice.call(filtersForm.querySelectorAll('input[type="checkbox"]'))
    var groups = boxes.map(function (box) { return box.name }).filter(function (name, i, all) {
      return all.indexOf(name) === i
    })
    var plural = new Intl.PluralRules(config.lang)
    var search = null  // {split, facets, manifest} once loaded
    var records = new Map()  // ref -> Promise of its record
    var state = readUrl()
    var timer = null
    var shown = PAGE_SIZE
    var current = { refs: [], full: 0 }
    var generation = 0
    var rendered = false

    noJs.forEach(function (element) { element.hidden = true })
    ui.hidden = false
    applyStateToControls()
    setStatus(messages.loading)

    /** Query and filters from the address; filter values the page does not offer are ignored. */
    function readUrl () {
      var parsed = Core.parseState(window.location.search, groups)
      Object.keys(parsed.filters).forEach(function (group) {
        parsed.filters[group] = parsed.filters[group].filter(function (value) {
          return boxes.some(function (box) { return box.name === group && box.value === value })
        })
      })
      return parsed
    }

    function setStatus (text) {
      status.textContent = text
    }

    function applyStateToControls () {
      input.value = state.q
      boxes.forEach(function (box) {
        box.checked = (state.filters[box.name] || []).indexOf(box.value) !== -1
      })
    }

    function readFilters () {
      var filters = {}
      boxes.forEach(function (box) {
        if (box.checked) (filters[box.name] = filters[box.name] || []).push(box.value)
      })
      return filters
    }

    function writeUrl (push) {
      var url = window.location.pathname + Core.formatState(state, groups) + window.location.hash
      if (url === window.location.pathname + window.location.search + window.location.hash) return
      if (push) window.history.pushState(null, '', url)
      else window.history.replaceState(null, '', url)
    }

    /** messages[name + 'One'] or messages[name + 'Other'], by the language's plural rules. */
    function counted (name, count) {
      var key = name + (plural.select(count) === 'one' ? 'One' : 'Other')
      return format(messages[key], { count: count })
    }

    function record (ref) {
      if (!records.has(ref)) {
        records.set(ref, fetchJson(config.base + 'search/' + search.manifest.records + ref + '.json')
          .catch(function (error) { records.delete(ref); throw error }))
      }
      return records.get(ref)
    }

    /** What to show for the current state: {base (refs the counts are over), refs (after the
     *  filters, in order), full (how many of refs match every word), idle, blank}.  The
     *  filter table is waited for only when filters are chosen. */
    function resultsFor (query) {
      var filtered = Core.hasFilters(state.filters)
      var facets = filtered ? search.facetsReady() : Promise.resolve(null)
      if (Core.normalise(query).trim() === '') {
        return facets.then(function (table) {
          var all = []
          for (var ref = 0; ref < search.manifest.documents; ref++) all.push(ref)
          var refs = filtered ? Core.applyFilters(all, table, state.filters) : []
          return { base: all, refs: refs, full: refs.length, idle: !filtered, blank: true }
        })
      }
      var plan = Core.analyseQuery(query, config.languages, Pipeline)
      return Promise.all([search.split.indexFor(plan), facets]).then(function (loaded) {
        mark('twente-search:index-ready')
        var matches = Core.searchIndex(lunr, loaded[0], plan, search.manifest.kinds.vacancy)
        mark('twente-search:matched')
        var content = plan === null ? 0 : plan.words.filter(function (w) { return !w.generic }).length
        var base = matches.map(function (m) { return m.ref })
        var kept = filtered ? new Set(Core.applyFilters(base, loaded[1], state.filters)) : null
        var refs = []
        var full = 0
        matches.forEach(function (m) {
          if (kept && !kept.has(m.ref)) return
          refs.push(m.ref)
          if (m.words === content) full++
        })
        return { base: base, refs: refs, full: full, idle: false, blank: false }
      })
    }

    function render () {
      if (!search) return
      var mine = ++generation
      mark('twente-search:render-start')
      resultsFor(state.q).then(function (found) {
        if (mine !== generation) return
        // Ask for the first results' records before anything else is done with the results.
        found.refs.slice(0, FIRST_RECORDS).forEach(record)
        current = found
        shown = PAGE_SIZE
        var measured = false
        var countsDone
        var counted = new Promise(function (resolve) { countsDone = resolve })
        function firstShown () {
          if (measured) return
          measured = true
          // The status and links change with the first result, in the same frame: a change
          // before it would have the browser paint while that result's record is on its way.
          root.setAttribute('data-search-state', found.idle ? 'idle' : 'results')
          setStatus(statusText(found))
          updateLanguageLinks()
          updateFollowLink()
          // For scripts/bench_search.py: each search's cost, from its start to its first
          // result on screen (or its status, when it has none).
          if (!rendered) mark('twente-search:first-render')
          rendered = true
          if (window.performance && window.performance.measure) {
            window.performance.measure('twente-search:render', 'twente-search:render-start')
          }
          // The filter counts come next, once the results are painted.
          window.setTimeout(function () {
            search.facetsReady().then(function (table) {
              if (mine === generation) updateFacets(Core.facetCounts(found.base, table, state.filters))
            }).then(countsDone, countsDone)
          }, 0)
        }
        return Promise.all([showResults(0, mine, firstShown), counted]).then(function () {
          if (mine !== generation) return
          root.setAttribute('data-search-ready', 'true')
          // What is on screen now (the tests wait for it to equal location.search).
          root.setAttribute('data-search-rendered', Core.formatState(state, groups))
        })
      }).catch(loadFailed)
    }

    function statusText (found) {
      if (found.idle) return messages.prompt
      if (found.refs.length === 0) {
        return found.blank ? messages.noFilterResults : format(messages.noResults, { query: state.q.trim() })
      }
      if (found.full === 0) return counted('partialOnly', found.refs.length)
      return counted('results', found.full) + (found.refs.length > found.full
        ? ' ' + counted('partialMore', found.refs.length - found.full) : '')
    }

    /** The Atom feed that follows the chosen filter, when exactly one feed-backed filter value
     *  (a kind of position, a sector or a municipality) is chosen: search-feeds in the page. */
    function updateFollowLink () {
      var follow = root.querySelector('[data-search-follow]')
      if (!follow) return
      var chosen = []
      Object.keys(state.filters).forEach(function (group) {
        (state.filters[group] || []).forEach(function (value) { chosen.push([group, value]) })
      })
      var feed = chosen.length === 1 ? (feeds[chosen[0][0]] || {})[chosen[0][1]] : null
      follow.hidden = !feed
      if (!feed) return
      var link = follow.querySelector('a')
      link.href = feed.href
      link.title = feed.title
      follow.querySelector('[data-search-follow-name]').textContent = feed.title
    }

    /** The language switch keeps the search: same query and filters in the other language. */
    function updateLanguageLinks () {
      document.querySelectorAll('a[data-lang-switch]').forEach(function (link) {
        var url = new URL(link.href, window.location.href)
        url.search = Core.formatState(state, groups)
        link.href = url.href
      })
    }

    function updateFacets (counts) {
      filtersForm.querySelectorAll('fieldset[data-facet]').forEach(function (fieldset) {
        var visible = 0
        fieldset.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
          var count = (counts[box.name] || {})[box.value] || 0
          var option = box.closest('[data-facet-option]')
          option.querySelector('[data-count]').textContent = String(count)
          option.hidden = count === 0 && !box.checked
          if (!option.hidden) visible++
        })
        fieldset.hidden = visible === 0
      })
      clear.hidden = !Core.hasFilters(state.filters)
    }

    /** Show the results from position `start` up to `shown`, each as soon as its record and
     *  those of the results before it are in; `onFirst` runs when the first is on screen. */
    function showResults (start, mine, onFirst) {
      var refs = current.refs.slice(start, shown)
      var loaded = new Array(refs.length)
      var next = 0
      function append () {
        if (mine !== generation) return
        if (next === 0 && start === 0) {
          list.replaceChildren()
          partialList.replaceChildren()
        }
        while (next < refs.length && loaded[next] !== undefined) {
          (start + next < current.full ? list : partialList).appendChild(resultItem(loaded[next]))
          next++
        }
        partialHeading.hidden = partialList.children.length === 0
        more.hidden = current.refs.length <= shown
        if (next > 0 && onFirst) onFirst()
      }
      if (refs.length === 0) {
        append()
        if (onFirst) onFirst()
        return Promise.resolve()
      }
      function show (ref, i) {
        return record(ref).then(function (doc) {
          loaded[i] = doc
          if (i === next) append()
        })
      }
      // A new list asks for the records of the first results (a phone's screen of them)
      // first and for the others when those are in: a dozen responses handled at once kept
      // the first result off the screen for tens of ms.
      var first = start === 0 ? refs.slice(0, FIRST_RECORDS) : refs
      var firstIn = Promise.all(first.map(show))
      return Promise.all([firstIn, firstIn.then(function () {
        return Promise.all(refs.slice(first.length).map(function (ref, i) { return show(ref, first.length + i) }))
      })]).then(function () { mark('twente-search:records') })
    }

    function showMore () {
      var start = shown
      shown += PAGE_SIZE
      var mine = generation
      showResults(start, mine).then(function () {
        var next = start < current.full ? list.children[start] : partialList.children[start - current.full]
        if (next) next.querySelector('a').focus()
      }).catch(loadFailed)
    }

    function element (tag, className, text) {
      var node = document.createElement(tag)
      if (className) node.className = className
      if (text !== undefined) node.textContent = text
      return node
    }

    function resultItem (doc) {
      var item = element('li', 'card search-result search-result-' + doc.kind)
      var heading = element('h3')
      var link = element('a', null, doc.title)
      link.href = config.base + doc.url
      if (doc.lang && doc.lang !== config.lang) link.lang = doc.lang
      heading.appendChild(link)
      item.appendChild(heading)
      var meta = element('p', 'meta')
      ;[doc.company, doc.place].forEach(function (text) {
        if (!text) return
        meta.appendChild(element('span', 'search-meta-part', text))
        meta.appendChild(document.createTextNode(' · '))
      })
      meta.appendChild(element('span', 'tag tag-type', doc.type_label))
      ;(doc.markers || []).forEach(function (label) {
        meta.appendChild(document.createTextNode(' '))
        meta.appendChild(element('span', doc.english_ok ? 'tag tag-intl' : 'tag tag-required', label))
      })
      item.appendChild(meta)
      if (doc.snippet) {
        var snippet = element('p', 'snippet small', doc.snippet)
        if (doc.lang && doc.lang !== config.lang) snippet.lang = doc.lang
        item.appendChild(snippet)
      }
      return item
    }

    function loadFailed (error) {
      setStatus(messages.loadError)
      noJs.forEach(function (node) { node.hidden = false })
      root.setAttribute('data-search-ready', 'error')
      if (window.console) window.console.error(error)
    }

    function searchSoon () {
      window.clearTimeout(timer)
      timer = window.setTimeout(function () {
        timer = null
        state.q = input.value
        writeUrl(false)
        render()
      }, DEBOUNCE_MS)
    }

    input.addEventListener('input', searchSoon)
    form.addEventListener('submit', function (event) {
      event.preventDefault()
      window.clearTimeout(timer)
      state.q = input.value
      writeUrl(true)
      render()
    })
    filtersForm.addEventListener('submit', function (event) { event.preventDefault() })
    filtersForm.addEventListener('change', function () {
      window.clearTimeout(timer)
      state = { q: input.value, filters: readFilters() }
      writeUrl(true)
      render()
    })
    clear.addEventListener('click', function () {
      state = { q: input.value, filters: {} }
      applyStateToControls()
      writeUrl(true)
      render()
      input.focus()
    })
    more.addEventListener('click', showMore)
    window.addEventListener('popstate', function () {
      window.clearTimeout(timer)
      state = readUrl()
      applyStateToControls()
      render()
    })

    // The search page carries its manifest and the pipeline data, so the query's shards are
    // asked for before the page's first paint; the filter table was preloaded and is decoded
    // only when first needed.  Results do not wait for it unless filters are chosen.
    var facetsDecoded = null
    /** The filter table (preloaded by the page), read and decoded once, when first needed: not
     *  before the first results, unless filters are chosen. */
    function facetsReady () {
      if (facetsDecoded === null) {
        facetsDecoded = fetchJson(config.base + 'search/' + search.manifest.facets).then(Core.decodeFacets)
        facetsDecoded.catch(loadFailed)
      }
      return facetsDecoded
    }
    try {
      var manifest = readJson('search-manifest')
      Pipeline.registerTwentePipeline(lunr, readJson('search-pipeline-data'))
      search = {
        manifest: manifest,
        facetsReady: facetsReady,
        split: Core.createSplitIndex({
          lunr: lunr,
          manifest: manifest,
          loadShard: function (name) { return fetchJson(config.base + 'search/' + name) }
        })
      }
    } catch (error) {
      loadFailed(error)
      return
    }
    mark('twente-search:loaded')
    render()
  }

  function main () {
    mark('twente-search:scripts')
    var config = readJson('search-config')
    if (!config) return
    var root = document.querySelector('[data-search-page]')
    if (root && window.TwenteSearchCore && window.lunr && window.TwenteSearchPipeline) {
      SearchPage(root, config, readJson('search-messages'))
    } else {
      prefetchOnFocus(config)
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main)
  else main()
}())
