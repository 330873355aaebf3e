/*!
 * Work in Twente search page and header search box.
 *
 * Loaded (deferred) on every page.  Reads its settings from the JSON block
 * #search-config and, on the search page, its texts from #search-messages; both are
 * rendered by the templates through gettext, so this file holds no UI text.
 *
 * - Any page: the header box is a plain GET form to <lang>/search/?q=...; on its first
 *   focus the search files of the page's language are prefetched.
 * - Search page ([data-search-page]): loads <prefix>search/index.json, documents.json
 *   and the pipeline data, then searches as you type (debounced) with
 *   TwenteSearchCore; filters with counts; query and filters in the URL
 *   (replaceState while typing, pushState on filter changes and Enter; popstate
 *   restores).  Results are built with textContent only.
 */
(function () {
  'use strict'

  var DEBOUNCE_MS = 120
  var PAGE_SIZE = 50

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

  function SearchPage (root, config, messages) {
    var Core = window.TwenteSearchCore
    var input = root.querySelector('[data-search-main]')
    var form = root.querySelector('[data-search-form]')
    var ui = root.querySelector('[data-search-ui]')
    var filtersForm = root.querySelector('[data-search-filters]')
    var status = root.querySelector('[data-search-status]')
    var list = root.querySelector('[data-search-results]')
    var more = root.querySelector('[data-search-more]')
    var clear = root.querySelector('[data-clear-filters]')
    var noJs = root.querySelectorAll('[data-no-js]')
    var boxes = Array.prototype.slice.call(filtersForm.querySelectorAll('input[type="checkbox"]'))
    var plural = new Intl.PluralRules(config.lang)
    var engine = null
    var state = readUrl()
    var timer = null
    var shown = PAGE_SIZE
    var current = []
    var rendered = false

    noJs.forEach(function (element) { element.hidden = true })
    ui.hidden = false
    applyStateToControls()
    setStatus(messages.loading)

    /** Query and filters from the address; filter values the page does not offer are ignored. */
    function readUrl () {
      var parsed = Core.parseState(window.location.search)
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
      var url = window.location.pathname + Core.formatState(state) + window.location.hash
      if (url === window.location.pathname + window.location.search + window.location.hash) return
      if (push) window.history.pushState(null, '', url)
      else window.history.replaceState(null, '', url)
    }

    function countText (count) {
      var key = plural.select(count) === 'one' ? 'resultsOne' : 'resultsOther'
      return format(messages[key], { count: count })
    }

    function mark (name) {
      if (window.performance && window.performance.mark) window.performance.mark(name)
    }

    function render () {
      if (!engine) return
      mark('twente-search:render-start')
      var docs = engine.docs
      var matches = engine.search(state.q)
      var filtered = Core.hasFilters(state.filters)
      var base = matches === null ? engine.allRefs : matches.map(function (m) { return m.ref })
      var results = matches === null && !filtered ? [] : Core.applyFilters(base, docs, state.filters)
      updateFacets(Core.facetCounts(base, docs, state.filters))
      current = results
      shown = PAGE_SIZE
      root.setAttribute('data-search-state', matches === null && !filtered ? 'idle' : 'results')
      if (matches === null && !filtered) {
        setStatus(messages.prompt)
      } else if (results.length === 0) {
        setStatus(matches === null ? messages.noFilterResults : format(messages.noResults, { query: state.q.trim() }))
      } else {
        setStatus(countText(results.length))
      }
      renderList()
      updateLanguageLinks()
      root.setAttribute('data-search-ready', 'true')
      if (window.performance && window.performance.measure) {
        // For scripts/bench_search.py: time to first results, and each search's cost.
        if (!rendered) mark('twente-search:first-render')
        window.performance.measure('twente-search:render', 'twente-search:render-start')
      }
      rendered = true
    }

    /** The language switch keeps the search: same query and filters in the other language. */
    function updateLanguageLinks () {
      document.querySelectorAll('a[data-lang-switch]').forEach(function (link) {
        var url = new URL(link.href, window.location.href)
        url.search = Core.formatState(state)
        link.href = url.href
      })
    }

    function updateFacets (counts) {
      filtersForm.querySelectorAll('fieldset[data-facet]').forEach(function (fieldset) {
        var visible = 0
        fieldset.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
          var count = counts[box.name][box.value] || 0
          var option = box.closest('[data-facet-option]')
          option.querySelector('[data-count]').textContent = String(count)
          option.hidden = count === 0 && !box.checked
          if (!option.hidden) visible++
        })
        fieldset.hidden = visible === 0
      })
      clear.hidden = !Core.hasFilters(state.filters)
    }

    function renderList () {
      var fragment = document.createDocumentFragment()
      current.slice(0, shown).forEach(function (ref) { fragment.appendChild(resultItem(engine.docs[ref])) })
      list.replaceChildren(fragment)
      more.hidden = current.length <= shown
    }

    function showMore () {
      var start = shown
      shown += PAGE_SIZE
      var fragment = document.createDocumentFragment()
      current.slice(start, shown).forEach(function (ref) { fragment.appendChild(resultItem(engine.docs[ref])) })
      list.appendChild(fragment)
      more.hidden = current.length <= shown
      var next = list.children[start]
      if (next) next.querySelector('a').focus()
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

    Promise.all([fetchJson(config.pipelineData), fetchJson(config.index), fetchJson(config.documents)])
      .then(function (loaded) {
        var lunr = window.lunr
        mark('twente-search:fetched')
        window.TwenteSearchPipeline.registerTwentePipeline(lunr, loaded[0])
        engine = Core.createEngine({
          lunr: lunr,
          pipeline: window.TwenteSearchPipeline,
          index: lunr.Index.load(loaded[1]),
          documents: loaded[2],
          languages: config.languages
        })
        mark('twente-search:loaded')
        render()
      })
      .catch(function (error) {
        setStatus(messages.loadError)
        noJs.forEach(function (element) { element.hidden = false })
        root.setAttribute('data-search-ready', 'error')
        if (window.console) window.console.error(error)
      })
  }

  function main () {
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
