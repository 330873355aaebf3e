/*!
 * Work in Twente shortlist: save vacancies and companies in this browser (localStorage; no
 * account, no server) and share the list as a link.
 *
 * The pages carry the buttons, hidden: <button data-shortlist-toggle data-shortlist-kind=...
 * data-shortlist-path=... data-shortlist-title=... data-shortlist-meta=... hidden>. This script
 * shows them only when it can keep a list, so without JavaScript (or storage) they are absent.
 * Each item is known by its kind and its language-independent path ("vacancies/acme/tester/"),
 * so the same list serves every site language.
 *
 * Share links: <shortlist page>#items=v:acme/tester,c:acme (v = vacancy company/slug,
 * c = company slug). Opening one in any browser reads every item from its own page on this
 * site (title and details as the page says them now; an expired vacancy shows as gone), adds the
 * items to that browser's shortlist and shows them.
 */
(function () {
  'use strict'

  var STORAGE_KEY = 'twente-shortlist'
  var SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*'
  var PATHS = {
    vacancy: new RegExp('^vacancies/(' + SLUG + '/' + SLUG + ')/$'),
    company: new RegExp('^companies/(' + SLUG + ')/$')
  }
  var CODES = { v: 'vacancy', c: 'company' }
  var SHARE_ITEM = new RegExp('^([vc]):(' + SLUG + '(?:/' + SLUG + ')?)$')

  function storage () {
    try {
      var probe = '__twente_probe__'
      window.localStorage.setItem(probe, probe)
      window.localStorage.removeItem(probe)
      return window.localStorage
    } catch (error) {
      return null
    }
  }

  var store = storage()

  /** A valid item {kind, path, title, meta}, or null. */
  function clean (item) {
    if (!item || !PATHS[item.kind] || !PATHS[item.kind].test(String(item.path))) return null
    return { kind: item.kind, path: String(item.path), title: String(item.title || ''), meta: String(item.meta || '') }
  }

  function load () {
    try {
      var data = JSON.parse(store.getItem(STORAGE_KEY) || '{}')
      return (Array.isArray(data.items) ? data.items : []).map(clean).filter(Boolean)
    } catch (error) {
      return []
    }
  }

  function save (items) {
    store.setItem(STORAGE_KEY, JSON.stringify({ version: 1, items: items }))
    document.dispatchEvent(new CustomEvent('twente-shortlist-change'))
  }

  function indexOf (items, path) {
    for (var i = 0; i < items.length; i++) if (items[i].path === path) return i
    return -1
  }

  function itemOf (button) {
    return clean({
      kind: button.getAttribute('data-shortlist-kind'),
      path: button.getAttribute('data-shortlist-path'),
      title: button.getAttribute('data-shortlist-title'),
      meta: button.getAttribute('data-shortlist-meta')
    })
  }

  /** The share code of an item: v:acme/tester or c:acme. */
  function code (item) {
    return (item.kind === 'vacancy' ? 'v:' : 'c:') + PATHS[item.kind].exec(item.path)[1]
  }

  function parseShare (hash) {
    var match = /(?:^#|&)items=([^&]*)/.exec(hash || '')
    if (!match) return null
    var found = []
    decodeURIComponent(match[1]).split(',').forEach(function (part) {
      var item = SHARE_ITEM.exec(part.trim())
      if (!item) return
      var kind = CODES[item[1]]
      var path = (kind === 'vacancy' ? 'vacancies/' : 'companies/') + item[2] + '/'
      if (PATHS[kind].test(path) && indexOf(found, path) === -1) found.push({ kind: kind, path: path })
    })
    return found
  }

  /* Buttons on every page -------------------------------------------------------------------- */

  function updateButtons () {
    var items = load()
    document.querySelectorAll('[data-shortlist-toggle]').forEach(function (button) {
      var item = itemOf(button)
      button.setAttribute('aria-pressed', item && indexOf(items, item.path) !== -1 ? 'true' : 'false')
    })
    document.querySelectorAll('[data-shortlist-link]').forEach(function (link) {
      link.hidden = items.length === 0 && !link.hasAttribute('data-shortlist-always')
      link.querySelectorAll('[data-shortlist-count]').forEach(function (count) {
        count.textContent = String(items.length)
      })
    })
  }

  function toggle (button) {
    var item = itemOf(button)
    if (!item) return
    var items = load()
    var at = indexOf(items, item.path)
    if (at === -1) items.push(item)
    else items.splice(at, 1)
    save(items)
  }

  function setUpButtons () {
    document.querySelectorAll('[data-shortlist-toggle]').forEach(function (button) {
      if (!itemOf(button)) return
      button.hidden = false
      button.addEventListener('click', function () { toggle(button) })
    })
    updateButtons()
  }

  /* The shortlist page ------------------------------------------------------------------------ */

  function ShortlistPage (root) {
    var messages = JSON.parse(document.getElementById('shortlist-messages').textContent)
    var base = root.getAttribute('data-shortlist-base')
    var list = root.querySelector('[data-shortlist-list]')
    var empty = root.querySelector('[data-shortlist-empty]')
    var share = root.querySelector('[data-shortlist-share]')
    var shareInput = root.querySelector('[data-shortlist-share-url]')
    var copy = root.querySelector('[data-shortlist-copy]')
    var clear = root.querySelector('[data-shortlist-clear]')
    var status = root.querySelector('[data-shortlist-status]')
    var gone = {}  // paths whose page no longer exists (a shared vacancy that expired)

    root.querySelectorAll('[data-no-js]').forEach(function (element) { element.hidden = true })
    root.querySelector('[data-shortlist-ui]').hidden = false

    function format (template, values) {
      return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name] })
    }

    function shareUrl (items) {
      var url = new URL(window.location.href)
      url.hash = 'items=' + items.map(code).join(',')
      return url.href
    }

    function render (focusIndex) {
      var items = load()
      list.textContent = ''
      items.forEach(function (item, index) {
        var li = document.createElement('li')
        li.className = 'card shortlist-item'
        li.setAttribute('data-shortlist-entry', item.path)
        var heading = document.createElement('h2')
        heading.className = 'shortlist-title'
        var link = document.createElement('a')
        link.href = base + item.path
        link.textContent = item.title || item.path
        heading.appendChild(link)
        li.appendChild(heading)
        var meta = document.createElement('p')
        meta.className = 'meta'
        meta.textContent = (item.kind === 'vacancy' ? messages.vacancy : messages.company) +
          (item.meta ? ' · ' + item.meta : '')
        li.appendChild(meta)
        if (gone[item.path]) {
          var note = document.createElement('p')
          note.className = 'notice'
          note.textContent = messages.gone
          li.appendChild(note)
        }
        var remove = document.createElement('button')
        remove.type = 'button'
        remove.className = 'button-secondary'
        remove.setAttribute('data-shortlist-remove', item.path)
        remove.textContent = messages.remove
        remove.setAttribute('aria-label', format(messages.removeNamed, { title: item.title || item.path }))
        remove.addEventListener('click', function () {
          var now = load()
          var at = indexOf(now, item.path)
          if (at !== -1) now.splice(at, 1)
          save(now)
          status.textContent = format(messages.removed, { title: item.title || item.path })
          render(at)
        })
        li.appendChild(remove)
        list.appendChild(li)
      })
      empty.hidden = items.length !== 0
      share.hidden = items.length === 0
      clear.hidden = items.length === 0
      shareInput.value = items.length ? shareUrl(items) : ''
      if (focusIndex !== undefined) {
        var buttons = list.querySelectorAll('[data-shortlist-remove]')
        var target = buttons[Math.min(focusIndex, buttons.length - 1)] || root.querySelector('h1')
        target.focus()
      }
    }

    /** Title and details of a shared item, read from its page (in this page's language). */
    function fetchItem (wanted) {
      return fetch(base + wanted.path, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status))
        return response.text()
      }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html')
        var buttons = doc.querySelectorAll('[data-shortlist-toggle]')
        for (var i = 0; i < buttons.length; i++) {
          var item = itemOf(buttons[i])
          if (item && item.path === wanted.path && item.kind === wanted.kind) return item
        }
        throw new Error('no item on ' + wanted.path)
      }).catch(function () {
        gone[wanted.path] = true
        return { kind: wanted.kind, path: wanted.path, title: '', meta: '' }
      })
    }

    function restore (shared) {
      status.textContent = messages.restoring
      return Promise.all(shared.map(fetchItem)).then(function (found) {
        var items = load()
        var added = 0
        found.forEach(function (item) {
          var at = indexOf(items, item.path)
          if (at === -1) { items.push(item); added++ } else if (item.title) items[at] = item
        })
        save(items)
        window.history.replaceState(null, '', window.location.pathname + window.location.search)
        status.textContent = format(added === 1 ? messages.restoredOne : messages.restoredOther, { count: added })
        render()
      })
    }

    copy.addEventListener('click', function () {
      shareInput.select()
      var done = function () { status.textContent = messages.copied }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(shareInput.value).then(done, function () {
          status.textContent = messages.copyByHand
        })
      } else {
        status.textContent = messages.copyByHand
      }
    })
    clear.addEventListener('click', function () {
      if (!window.confirm(messages.confirmClear)) return
      save([])
      status.textContent = messages.cleared
      render(0)
    })
    document.addEventListener('twente-shortlist-change', function () { if (!list.contains(document.activeElement)) render() })
    window.addEventListener('storage', function (event) { if (event.key === STORAGE_KEY) render() })

    var shared = parseShare(window.location.hash)
    render()
    if (shared && shared.length) restore(shared)
    root.setAttribute('data-shortlist-ready', 'true')
  }

  function start () {
    if (store === null) return
    document.addEventListener('twente-shortlist-change', updateButtons)
    window.addEventListener('storage', function (event) { if (event.key === STORAGE_KEY) updateButtons() })
    setUpButtons()
    var page = document.querySelector('[data-shortlist-page]')
    if (page) ShortlistPage(page)
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
}())
