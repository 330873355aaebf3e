/*!
 * Work in Twente search pipeline for lunr.js 2.3.9.
 *
 * The browser half of plugins/search_index/text_pipeline.py: the same text
 * analysis, function for function and label for label, so that a lunr.py
 * index loads in lunr.js and a query is analysed exactly as the documents
 * were.  tests/test_search_pipeline.py proves the two agree term for term.
 *
 *   trim      strip leading/trailing characters that are not letters or digits
 *   fold      lowercase, remove accents (café -> cafe), expand ß/æ/ĳ/ligatures,
 *             drop characters outside the Basic Multilingual Plane
 *   nl        Dutch stop words, compound splitting against a lexicon, the
 *             Snowball 3 Dutch stemmer plus a verb-ending/vowel-length
 *             normalisation
 *   en        lunr's own stopWordFilter and Porter stemmer
 *   de        German stop words and the Snowball 3 German stemmer, after the
 *             plurals it cannot see (praktika -> praktikum)
 *   other     trim + fold only
 *
 * Usage (browser): load lunr.js, then this file, then
 *   TwenteSearchPipeline.registerTwentePipeline(lunr, data)
 * where `data` is the JSON object produced by text_pipeline.pipeline_data()
 * ({"generic": {lang: [...]}, "nl": {"stopWords": [...], "lexicon": [...]}}),
 * before lunr.Index.load().
 * In node: require() this file and call the same function.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory()
  } else {
    root.TwenteSearchPipeline = factory()
  }
}(typeof self !== 'undefined' ? self : this, function () {
  'use strict'

  /* ------------------------------------------------------------------ */
  /* Labels and pipelines (must equal text_pipeline.py)                  */
  /* ------------------------------------------------------------------ */

  var LABELS = {
    trimmer: 'twente-trimmer',
    fold: 'twente-fold',
    stopWordFilterNl: 'twente-stopWordFilter-nl',
    decompoundNl: 'twente-decompound-nl',
    decompoundQueryNl: 'twente-decompound-query-nl',
    stemmerNl: 'twente-stemmer-nl',
    stopWordFilterEn: 'stopWordFilter',
    stemmerEn: 'twente-stemmer-en',
    stopWordFilterDe: 'twente-stopWordFilter-de',
    stemmerDe: 'twente-stemmer-de'
  }

  /** Index, search (serialised into the index) and query pipelines per language. */
  var PIPELINES = {
    nl: {
      index: [LABELS.trimmer, LABELS.fold, LABELS.stopWordFilterNl, LABELS.decompoundNl,
        LABELS.stemmerNl],
      search: [LABELS.trimmer, LABELS.fold, LABELS.decompoundQueryNl, LABELS.stemmerNl],
      query: [LABELS.trimmer, LABELS.fold, LABELS.stopWordFilterNl, LABELS.decompoundQueryNl,
        LABELS.stemmerNl]
    },
    en: {
      index: [LABELS.trimmer, LABELS.fold, LABELS.stopWordFilterEn, LABELS.stemmerEn],
      search: [LABELS.trimmer, LABELS.fold, LABELS.stemmerEn],
      query: [LABELS.trimmer, LABELS.fold, LABELS.stopWordFilterEn, LABELS.stemmerEn]
    },
    de: {
      index: [LABELS.trimmer, LABELS.fold, LABELS.stopWordFilterDe, LABELS.stemmerDe],
      search: [LABELS.trimmer, LABELS.fold, LABELS.stemmerDe],
      query: [LABELS.trimmer, LABELS.fold, LABELS.stopWordFilterDe, LABELS.stemmerDe]
    },
    '*': {
      index: [LABELS.trimmer, LABELS.fold],
      search: [LABELS.trimmer, LABELS.fold],
      query: [LABELS.trimmer, LABELS.fold]
    }
  }

  /** What a query is split on: lunr.js's tokenizer separator /[\s\-]+/, spelled out. */
  var QUERY_SEPARATOR =
    /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+/

  function pipelineFor (lang) {
    return PIPELINES[lang] || PIPELINES['*']
  }

  var STOP_WORD_FILTERS = [LABELS.stopWordFilterNl, LABELS.stopWordFilterEn, LABELS.stopWordFilterDe]

  /** A pipeline's labels, without its stop-word filter when `keepStopWords`. */
  function labelsOf (lang, kind, keepStopWords) {
    return pipelineFor(lang)[kind].filter(function (label) {
      return !(keepStopWords && STOP_WORD_FILTERS.indexOf(label) !== -1)
    })
  }

  var ACRONYM_MAX = 5
  var LETTERS = /^\p{L}+$/u

  /** Written like an acronym: two to five letters, all capitals (IT, HR, ICT). */
  function isAcronym (word) {
    word = trim(String(word))
    return word.length >= 2 && word.length <= ACRONYM_MAX && LETTERS.test(word) &&
      word === word.toUpperCase() && word !== word.toLowerCase()
  }

  /* ------------------------------------------------------------------ */
  /* Trimming and folding                                                */
  /* ------------------------------------------------------------------ */

  var EDGE_JUNK = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu
  var COMBINING_MARKS = /[\u0300-\u036f]/g
  var ASTRAL = /[\u{10000}-\u{10ffff}]/gu
  var FOLD_MAP = {
    'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th',
    'ı': 'i', 'ĳ': 'ij', 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl',
    '\u2018': "'", '\u2019': "'"
  }
  var FOLD_MAP_RE = new RegExp('[' + Object.keys(FOLD_MAP).join('') + ']', 'g')

  /** Strip leading and trailing characters that are not letters or digits. */
  function trim (text) {
    return text.replace(EDGE_JUNK, '')
  }

  /** Lowercase, remove diacritics and fold a few letters to ASCII. */
  function fold (text) {
    var s = text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '')
    s = s.replace(FOLD_MAP_RE, function (ch) { return FOLD_MAP[ch] })
    return s.normalize('NFC').replace(ASTRAL, '')
  }

  /* ------------------------------------------------------------------ */
  /* Snowball runtime (snowballstemmer's basestemmer.py), shared by the  */
  /* Dutch and German stemmers: one word being stemmed and the string    */
  /* operations their rules use.                                         */
  /* ------------------------------------------------------------------ */

  /** A Snowball grouping: the set of its characters. */
  function grouping (chars) {
    var s = Object.create(null)
    for (var i = 0; i < chars.length; i++) s[chars[i]] = true
    return s
  }

  function Snowball () {
    this.setCurrent('')
  }
  Snowball.prototype.setCurrent = function (word) {
    this.current = word
    this.cursor = 0
    this.limit = word.length
    this.limitBackward = 0
    this.bra = 0
    this.ket = this.limit
  }
  Snowball.prototype.inGrouping = function (g) {
    if (this.cursor >= this.limit || !g[this.current.charAt(this.cursor)]) return false
    this.cursor++
    return true
  }
  Snowball.prototype.inGroupingB = function (g) {
    if (this.cursor <= this.limitBackward || !g[this.current.charAt(this.cursor - 1)]) return false
    this.cursor--
    return true
  }
  Snowball.prototype.outGrouping = function (g) {
    if (this.cursor >= this.limit || g[this.current.charAt(this.cursor)]) return false
    this.cursor++
    return true
  }
  Snowball.prototype.outGroupingB = function (g) {
    if (this.cursor <= this.limitBackward || g[this.current.charAt(this.cursor - 1)]) return false
    this.cursor--
    return true
  }
  Snowball.prototype.goInGrouping = function (g) {
    while (this.cursor < this.limit) {
      if (!g[this.current.charAt(this.cursor)]) return true
      this.cursor++
    }
    return false
  }
  Snowball.prototype.goOutGrouping = function (g) {
    while (this.cursor < this.limit) {
      if (g[this.current.charAt(this.cursor)]) return true
      this.cursor++
    }
    return false
  }
  Snowball.prototype.eqS = function (s) {
    if (this.limit - this.cursor < s.length || this.current.substr(this.cursor, s.length) !== s) return false
    this.cursor += s.length
    return true
  }
  Snowball.prototype.eqSB = function (s) {
    if (this.cursor - this.limitBackward < s.length) return false
    if (this.current.substring(this.cursor - s.length, this.cursor) !== s) return false
    this.cursor -= s.length
    return true
  }
  Snowball.prototype.charBefore = function (ch) {
    return this.cursor > this.limitBackward && this.current.charAt(this.cursor - 1) === ch
  }
  Snowball.prototype.findAmong = function (v) {
    var i = 0
    var j = v.length
    var c = this.cursor
    var l = this.limit
    var commonI = 0
    var commonJ = 0
    var firstKeyInspected = false
    for (;;) {
      var k = i + ((j - i) >> 1)
      var diff = 0
      var common = Math.min(commonI, commonJ)
      var w = v[k][0]
      for (var i2 = common; i2 < w.length; i2++) {
        if (c + common === l) { diff = -1; break }
        diff = this.current.charCodeAt(c + common) - w.charCodeAt(i2)
        if (diff !== 0) break
        common++
      }
      if (diff < 0) { j = k; commonJ = common } else { i = k; commonI = common }
      if (j - i <= 1) {
        if (i > 0 || j === i || firstKeyInspected) break
        firstKeyInspected = true
      }
    }
    for (;;) {
      var entry = v[i]
      if (commonI >= entry[0].length) {
        this.cursor = c + entry[0].length
        return entry[2]
      }
      i = entry[1]
      if (i < 0) return 0
    }
  }
  Snowball.prototype.findAmongB = function (v) {
    var i = 0
    var j = v.length
    var c = this.cursor
    var lb = this.limitBackward
    var commonI = 0
    var commonJ = 0
    var firstKeyInspected = false
    for (;;) {
      var k = i + ((j - i) >> 1)
      var diff = 0
      var common = Math.min(commonI, commonJ)
      var w = v[k][0]
      for (var i2 = w.length - 1 - common; i2 >= 0; i2--) {
        if (c - common === lb) { diff = -1; break }
        diff = this.current.charCodeAt(c - 1 - common) - w.charCodeAt(i2)
        if (diff !== 0) break
        common++
      }
      if (diff < 0) { j = k; commonJ = common } else { i = k; commonI = common }
      if (j - i <= 1) {
        if (i > 0 || j === i || firstKeyInspected) break
        firstKeyInspected = true
      }
    }
    for (;;) {
      var entry = v[i]
      if (commonI >= entry[0].length) {
        this.cursor = c - entry[0].length
        return entry[2]
      }
      i = entry[1]
      if (i < 0) return 0
    }
  }
  Snowball.prototype.replaceS = function (cBra, cKet, s) {
    var adjustment = s.length - (cKet - cBra)
    this.current = this.current.slice(0, cBra) + s + this.current.slice(cKet)
    this.limit += adjustment
    if (this.cursor >= cKet) this.cursor += adjustment
    else if (this.cursor > cBra) this.cursor = cBra
    return adjustment
  }
  Snowball.prototype.sliceFrom = function (s) {
    this.replaceS(this.bra, this.ket, s)
    this.ket = this.bra + s.length
  }
  Snowball.prototype.sliceDel = function () { this.sliceFrom('') }
  Snowball.prototype.insert = function (cBra, cKet, s) {
    var adjustment = this.replaceS(cBra, cKet, s)
    if (cBra <= this.bra) this.bra += adjustment
    if (cBra <= this.ket) this.ket += adjustment
  }
  Snowball.prototype.sliceTo = function () { return this.current.slice(this.bra, this.ket) }

  /* ------------------------------------------------------------------ */
  /* Snowball 3.1.1 Dutch stemmer (port of snowballstemmer/dutch_stemmer) */
  /* Strings are indexed by UTF-16 unit; fold() guarantees BMP input.    */
  /* ------------------------------------------------------------------ */

  var stemDutch = (function () {
    var G_E = grouping('eèéêë')
    var G_AIOU = grouping('aiouàáâäìíîïòóôöùúûü')
    var G_AEIOU = grouping('aeiouàáâäèéêëìíîïòóôöùúûü')
    var G_V = grouping('aeiouyàáâäèéêëìíîïòóôöùúûü')
    var G_V_WX = grouping('aeiouwxyàáâäèéêëìíîïòóôöùúûü')

    /* Among tables: [string, substring index, result]. */
    var A_0 = [['a', -1, 1], ['e', -1, 2], ['o', -1, 1], ['u', -1, 1], ['à', -1, 1],
      ['á', -1, 1], ['â', -1, 1], ['ä', -1, 1], ['è', -1, 2], ['é', -1, 2], ['ê', -1, 2],
      ['eë', -1, 3], ['ië', -1, 4], ['ò', -1, 1], ['ó', -1, 1], ['ô', -1, 1], ['ö', -1, 1],
      ['ù', -1, 1], ['ú', -1, 1], ['û', -1, 1], ['ü', -1, 1]]
    var A_1 = [['nde', -1, 8], ['en', -1, 7], ['s', -1, 2], ["'s", 2, 1], ['es', 2, 4],
      ['ies', 4, 3], ['aus', 2, 6], ['és', 2, 5]]
    var A_2 = [['de', -1, 5], ['ge', -1, 2], ['ische', -1, 4], ['je', -1, 1], ['lijke', -1, 3],
      ['le', -1, 9], ['ene', -1, 10], ['re', -1, 8], ['se', -1, 7], ['te', -1, 6], ['ieve', -1, 11]]
    var A_3 = [['heid', -1, 3], ['fie', -1, 7], ['gie', -1, 8], ['atie', -1, 1], ['isme', -1, 5],
      ['ing', -1, 5], ['arij', -1, 6], ['erij', -1, 5], ['sel', -1, 3], ['rder', -1, 4],
      ['ster', -1, 3], ['iteit', -1, 2], ['dst', -1, 10], ['tst', -1, 9]]
    var A_4 = [['end', -1, 9], ['atief', -1, 2], ['erig', -1, 9], ['achtig', -1, 3],
      ['ioneel', -1, 1], ['baar', -1, 3], ['laar', -1, 5], ['naar', -1, 4], ['raar', -1, 6],
      ['eriger', -1, 9], ['achtiger', -1, 3], ['lijker', -1, 8], ['tant', -1, 7],
      ['erigst', -1, 9], ['achtigst', -1, 3], ['lijkst', -1, 8]]
    var A_5 = [['ig', -1, 1], ['iger', -1, 1], ['igst', -1, 1]]
    var A_6 = [['ft', -1, 2], ['kt', -1, 1], ['pt', -1, 3]]
    var AS_6 = ['k', 'f', 'p']
    var A_7 = [['bb', -1, 1], ['cc', -1, 2], ['dd', -1, 3], ['ff', -1, 4], ['gg', -1, 5],
      ['hh', -1, 6], ['jj', -1, 7], ['kk', -1, 8], ['ll', -1, 9], ['mm', -1, 10], ['nn', -1, 11],
      ['pp', -1, 12], ['qq', -1, 13], ['rr', -1, 14], ['ss', -1, 15], ['tt', -1, 16], ['v', -1, 4],
      ['vv', 16, 17], ['ww', -1, 18], ['xx', -1, 19], ['z', -1, 15], ['zz', 20, 20]]
    /* Step 6 replacements by result; 11 ("nn") is handled separately. */
    var AS_7 = ['b', 'c', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'q', 'r', 's', 't',
      'v', 'w', 'x', 'z']
    var A_8 = [['d', -1, 1], ['t', -1, 2]]
    var A_9 = [['', -1, -1], ['eft', 0, 1], ['vaa', 0, 1], ['val', 0, 1], ['vali', 3, -1],
      ['vare', 0, 1]]
    /* a_10 (Lose_prefix) and a_11 (Lose_infix) are identical. */
    var A_10 = [['ë', -1, 1], ['ï', -1, 2]]
    var AS_10 = ['e', 'i']

    /* The word being stemmed, and dutch.sbl's own state. */
    var r = new Snowball()
    var p1 = 0
    var p2 = 0
    var geRemoved = false

    /* Rules of dutch.sbl. */
    function rR1 () { return p1 <= r.cursor }
    function rR2 () { return p2 <= r.cursor }

    function rV () {
      var v1 = r.limit - r.cursor
      if (!r.inGroupingB(G_V) && !r.eqSB('ij')) return false
      r.cursor = r.limit - v1
      return true
    }

    function rVX () {
      var v1 = r.limit - r.cursor
      if (r.cursor <= r.limitBackward) return false
      r.cursor--
      if (!r.inGroupingB(G_V) && !r.eqSB('ij')) return false
      r.cursor = r.limit - v1
      return true
    }

    function rC () {
      var v1 = r.limit - r.cursor
      if (r.eqSB('ij')) return false
      if (!r.outGroupingB(G_V)) return false
      r.cursor = r.limit - v1
      return true
    }

    function doubleSlice () {
      var ch = r.sliceTo()
      var c = r.cursor
      r.insert(r.cursor, r.cursor, ch)
      r.cursor = c
    }

    function rLengthenV () {
      var v1 = r.limit - r.cursor
      lab0: {
        if (!r.outGroupingB(G_V_WX)) break lab0
        r.ket = r.cursor
        var amongVar = r.findAmongB(A_0)
        if (amongVar === 0) break lab0
        r.bra = r.cursor
        if (amongVar === 1) {
          var v2 = r.limit - r.cursor
          if (!r.outGroupingB(G_AEIOU) && r.cursor > r.limitBackward) break lab0
          r.cursor = r.limit - v2
          doubleSlice()
        } else if (amongVar === 2) {
          var v3 = r.limit - r.cursor
          if (!r.outGroupingB(G_AEIOU) && r.cursor > r.limitBackward) break lab0
          var v4 = r.limit - r.cursor
          lab1: {
            if (!r.inGroupingB(G_AIOU)) {
              if (!r.inGroupingB(G_E)) break lab1
              if (r.cursor > r.limitBackward) break lab1
            }
            break lab0
          }
          r.cursor = r.limit - v4
          var v5 = r.limit - r.cursor
          lab2: {
            if (r.cursor <= r.limitBackward) break lab2
            r.cursor--
            if (!r.inGroupingB(G_AIOU)) break lab2
            if (!r.outGroupingB(G_AEIOU)) break lab2
            break lab0
          }
          r.cursor = r.limit - v5
          r.cursor = r.limit - v3
          doubleSlice()
        } else if (amongVar === 3) {
          r.sliceFrom('eëe')
        } else {
          r.sliceFrom('iee')
        }
      }
      r.cursor = r.limit - v1
      return true
    }

    function rStep1 () {
      r.ket = r.cursor
      var amongVar = r.findAmongB(A_1)
      if (amongVar === 0) return false
      r.bra = r.cursor
      switch (amongVar) {
        case 1:
          r.sliceDel()
          break
        case 2: {
          if (!rR1()) return false
          var v1 = r.limit - r.cursor
          lab0: {
            if (!r.charBefore('t')) break lab0
            r.cursor--
            if (!rR1()) break lab0
            return false
          }
          r.cursor = r.limit - v1
          if (!rC()) return false
          r.sliceDel()
          break
        }
        case 3:
          if (!rR1()) return false
          r.sliceFrom('ie')
          break
        case 4: {
          var v2 = r.limit - r.cursor
          or: {
            alt1: {
              var v3 = r.limit - r.cursor
              if (!r.eqSB('ar') || !rR1() || !rC()) break alt1
              r.cursor = r.limit - v3
              r.sliceDel()
              rLengthenV()
              break or
            }
            r.cursor = r.limit - v2
            alt2: {
              var v4 = r.limit - r.cursor
              if (!r.eqSB('er') || !rR1() || !rC()) break alt2
              r.cursor = r.limit - v4
              r.sliceDel()
              break or
            }
            r.cursor = r.limit - v2
            if (!rR1() || !rC()) return false
            r.sliceFrom('e')
          }
          break
        }
        case 5:
          if (!rR1()) return false
          r.sliceFrom('é')
          break
        case 6:
          if (!rR1() || !rV()) return false
          r.sliceFrom('au')
          break
        case 7: {
          var v5 = r.limit - r.cursor
          or7: {
            alt1: {
              if (!r.eqSB('hed') || !rR1()) break alt1
              r.bra = r.cursor
              r.sliceFrom('heid')
              break or7
            }
            r.cursor = r.limit - v5
            alt2: {
              if (!r.eqSB('nd')) break alt2
              r.sliceDel()
              break or7
            }
            r.cursor = r.limit - v5
            alt3: {
              if (!r.charBefore('d')) break alt3
              r.cursor--
              if (!rR1() || !rC()) break alt3
              r.bra = r.cursor
              r.sliceDel()
              break or7
            }
            r.cursor = r.limit - v5
            alt4: {
              if (r.charBefore('i')) {
                r.cursor--
              } else {
                if (!r.charBefore('j')) break alt4
                r.cursor--
              }
              if (!rV()) break alt4
              r.sliceDel()
              break or7
            }
            r.cursor = r.limit - v5
            if (!rR1() || !rC()) return false
            r.sliceDel()
            rLengthenV()
          }
          break
        }
        default:
          r.sliceFrom('nd')
      }
      return true
    }

    function rStep2 () {
      r.ket = r.cursor
      var amongVar = r.findAmongB(A_2)
      if (amongVar === 0) return false
      r.bra = r.cursor
      switch (amongVar) {
        case 1: {
          var v1 = r.limit - r.cursor
          or: {
            a1: {
              if (!r.eqSB("'t")) break a1
              r.bra = r.cursor
              r.sliceDel()
              break or
            }
            r.cursor = r.limit - v1
            a2: {
              if (!r.eqSB('et')) break a2
              r.bra = r.cursor
              if (!rR1() || !rC()) break a2
              r.sliceDel()
              break or
            }
            r.cursor = r.limit - v1
            a3: {
              if (!r.eqSB('rnt')) break a3
              r.bra = r.cursor
              r.sliceFrom('rn')
              break or
            }
            r.cursor = r.limit - v1
            a4: {
              if (!r.charBefore('t')) break a4
              r.cursor--
              r.bra = r.cursor
              if (!rR1() || !rVX()) break a4
              r.sliceDel()
              break or
            }
            r.cursor = r.limit - v1
            a5: {
              if (!r.eqSB('ink')) break a5
              r.bra = r.cursor
              r.sliceFrom('ing')
              break or
            }
            r.cursor = r.limit - v1
            a6: {
              if (!r.eqSB('mp')) break a6
              r.bra = r.cursor
              r.sliceFrom('m')
              break or
            }
            r.cursor = r.limit - v1
            a7: {
              if (!r.charBefore("'")) break a7
              r.cursor--
              r.bra = r.cursor
              if (!rR1()) break a7
              r.sliceDel()
              break or
            }
            r.cursor = r.limit - v1
            r.bra = r.cursor
            if (!rR1() || !rC()) return false
            r.sliceDel()
          }
          break
        }
        case 2:
          if (!rR1()) return false
          r.sliceFrom('g')
          break
        case 3:
          if (!rR1()) return false
          r.sliceFrom('lijk')
          break
        case 4:
          if (!rR1()) return false
          r.sliceFrom('isch')
          break
        case 5:
          if (!rR1() || !rC()) return false
          r.sliceDel()
          break
        case 6:
          if (!rR1()) return false
          r.sliceFrom('t')
          break
        case 7:
          if (!rR1()) return false
          r.sliceFrom('s')
          break
        case 8:
          if (!rR1()) return false
          r.sliceFrom('r')
          break
        case 9:
          if (!rR1()) return false
          r.sliceDel()
          r.insert(r.cursor, r.cursor, 'l')
          rLengthenV()
          break
        case 10:
          if (!rR1() || !rC()) return false
          r.sliceDel()
          r.insert(r.cursor, r.cursor, 'en')
          rLengthenV()
          break
        default:
          if (!rR1() || !rC()) return false
          r.sliceFrom('ief')
      }
      return true
    }

    function rStep3 () {
      r.ket = r.cursor
      var amongVar = r.findAmongB(A_3)
      if (amongVar === 0) return false
      r.bra = r.cursor
      switch (amongVar) {
        case 1:
          if (!rR1()) return false
          r.sliceFrom('eer')
          break
        case 2:
          if (!rR1()) return false
          r.sliceDel()
          rLengthenV()
          break
        case 3:
          if (!rR1()) return false
          r.sliceDel()
          break
        case 4:
          r.sliceFrom('r')
          break
        case 5: {
          var v1 = r.limit - r.cursor
          if (r.eqSB('ild')) {
            r.sliceFrom('er')
            break
          }
          r.cursor = r.limit - v1
          if (!rR1()) return false
          r.sliceDel()
          rLengthenV()
          break
        }
        case 6:
          if (!rR1() || !rC()) return false
          r.sliceFrom('aar')
          break
        case 7:
          if (!rR2()) return false
          r.sliceDel()
          r.insert(r.cursor, r.cursor, 'f')
          rLengthenV()
          break
        case 8:
          if (!rR2()) return false
          r.sliceDel()
          r.insert(r.cursor, r.cursor, 'g')
          rLengthenV()
          break
        case 9:
          if (!rR1() || !rC()) return false
          r.sliceFrom('t')
          break
        default:
          if (!rR1() || !rC()) return false
          r.sliceFrom('d')
      }
      return true
    }

    function rStep4 () {
      var v1 = r.limit - r.cursor
      lab0: {
        r.ket = r.cursor
        var amongVar = r.findAmongB(A_4)
        if (amongVar === 0) break lab0
        r.bra = r.cursor
        switch (amongVar) {
          case 1:
            if (!rR1()) break lab0
            r.sliceFrom('ie')
            break
          case 2:
            if (!rR1()) break lab0
            r.sliceFrom('eer')
            break
          case 3:
            if (!rR1()) break lab0
            r.sliceDel()
            break
          case 4:
            if (!rR1() || !rV()) break lab0
            r.sliceFrom('n')
            break
          case 5:
            if (!rR1() || !rV()) break lab0
            r.sliceFrom('l')
            break
          case 6:
            if (!rR1() || !rV()) break lab0
            r.sliceFrom('r')
            break
          case 7:
            if (!rR1()) break lab0
            r.sliceFrom('teer')
            break
          case 8:
            if (!rR1()) break lab0
            r.sliceFrom('lijk')
            break
          default:
            if (!rR1() || !rC()) break lab0
            r.sliceDel()
            rLengthenV()
        }
        return true
      }
      r.cursor = r.limit - v1
      r.ket = r.cursor
      if (r.findAmongB(A_5) === 0) return false
      r.bra = r.cursor
      if (!rR1()) return false
      var v2 = r.limit - r.cursor
      if (r.eqSB('inn') && r.cursor <= r.limitBackward) return false
      r.cursor = r.limit - v2
      if (!rC()) return false
      r.sliceDel()
      rLengthenV()
      return true
    }

    function rStep7 () {
      r.ket = r.cursor
      var amongVar = r.findAmongB(A_6)
      if (amongVar === 0) return false
      r.bra = r.cursor
      r.sliceFrom(AS_6[amongVar - 1])
      return true
    }

    function rStep6 () {
      r.ket = r.cursor
      var amongVar = r.findAmongB(A_7)
      if (amongVar === 0) return false
      r.bra = r.cursor
      if (amongVar === 11) {
        var v1 = r.limit - r.cursor
        if (r.charBefore('i')) {
          r.cursor--
          if (r.cursor <= r.limitBackward) return false
        }
        r.cursor = r.limit - v1
      }
      r.sliceFrom(AS_7[amongVar - 1])
      return true
    }

    function rStep1c () {
      r.ket = r.cursor
      var amongVar = r.findAmongB(A_8)
      if (amongVar === 0) return false
      r.bra = r.cursor
      if (!rR1() || !rC()) return false
      if (amongVar === 1) {
        var v1 = r.limit - r.cursor
        lab0: {
          if (!r.charBefore('n')) break lab0
          r.cursor--
          if (!rR1()) break lab0
          return false
        }
        r.cursor = r.limit - v1
        var v2 = r.limit - r.cursor
        if (r.eqSB('in') && r.cursor <= r.limitBackward) {
          r.sliceFrom('n')
        } else {
          r.cursor = r.limit - v2
          r.sliceDel()
        }
      } else {
        var v3 = r.limit - r.cursor
        lab1: {
          if (!r.charBefore('h')) break lab1
          r.cursor--
          if (!rR1()) break lab1
          return false
        }
        r.cursor = r.limit - v3
        var v4 = r.limit - r.cursor
        if (r.eqSB('en') && r.cursor <= r.limitBackward) return false
        r.cursor = r.limit - v4
        r.sliceDel()
      }
      return true
    }

    function vowel () {
      return r.eqS('ij') || r.inGrouping(G_V)
    }

    /* Shared tail of Lose_prefix and Lose_infix: "ge" must be followed by
       at least three characters, a vowel and then a non-vowel. */
    function geFollowedBySyllable () {
      if (r.cursor + 3 > r.limit) return false
      var v2 = r.cursor
      for (;;) {
        var v3 = r.cursor
        if (vowel()) break
        r.cursor = v3
        if (r.cursor >= r.limit) return false
        r.cursor++
      }
      for (;;) {
        var v4 = r.cursor
        if (vowel()) continue
        r.cursor = v4
        break
      }
      if (r.cursor >= r.limit) return false
      r.cursor = v2
      return true
    }

    function removeGeAndDiaeresis () {
      geRemoved = true
      r.sliceDel()
      var v5 = r.cursor
      r.bra = r.cursor
      var amongVar = r.findAmong(A_10)
      if (amongVar !== 0) {
        r.ket = r.cursor
        r.sliceFrom(AS_10[amongVar - 1])
      }
      r.cursor = v5
    }

    function rLosePrefix () {
      r.bra = r.cursor
      if (!r.eqS('ge')) return false
      r.ket = r.cursor
      if (!geFollowedBySyllable()) return false
      if (r.findAmong(A_9) === 1) return false
      removeGeAndDiaeresis()
      return true
    }

    function rLoseInfix () {
      if (r.cursor >= r.limit) return false
      r.cursor++
      for (;;) {
        r.bra = r.cursor
        if (r.eqS('ge')) {
          r.ket = r.cursor
          break
        }
        if (r.cursor >= r.limit) return false
        r.cursor++
      }
      if (!geFollowedBySyllable()) return false
      removeGeAndDiaeresis()
      return true
    }

    function skipSyllable () {
      while (r.outGrouping(G_V)) { /* skip consonants */ }
      var count = 1
      for (;;) {
        var v = r.cursor
        if (vowel()) { count--; continue }
        r.cursor = v
        break
      }
      return count <= 0 && r.outGrouping(G_V)
    }

    function rMeasure () {
      p1 = r.limit
      p2 = r.limit
      var v1 = r.cursor
      if (skipSyllable()) {
        p1 = r.cursor
        if (skipSyllable()) p2 = r.cursor
      }
      r.cursor = v1
      return true
    }

    function backwardStep (rule) {
      var v = r.limit - r.cursor
      var ok = rule()
      r.cursor = r.limit - v
      return ok
    }

    function loseGe (rule) {
      r.cursor = r.limitBackward
      geRemoved = false
      var v1 = r.cursor
      if (rule()) {
        r.cursor = v1
        rMeasure()
      }
      r.cursor = v1
      r.limitBackward = r.cursor
      r.cursor = r.limit
      var v2 = r.limit - r.cursor
      if (geRemoved) rStep1c()
      r.cursor = r.limit - v2
      return geRemoved
    }

    function stem () {
      var stemmed = false
      rMeasure()
      r.limitBackward = r.cursor
      r.cursor = r.limit
      if (backwardStep(rStep1)) stemmed = true
      if (backwardStep(rStep2)) stemmed = true
      if (backwardStep(rStep3)) stemmed = true
      if (backwardStep(rStep4)) stemmed = true
      if (loseGe(rLosePrefix)) stemmed = true
      if (loseGe(rLoseInfix)) stemmed = true
      r.cursor = r.limitBackward
      r.limitBackward = r.cursor
      r.cursor = r.limit
      if (backwardStep(rStep7)) stemmed = true
      if (stemmed) backwardStep(rStep6)
      r.cursor = r.limitBackward
    }

    return function stemDutch (word) {
      r.setCurrent(word)
      stem()
      return r.current
    }
  })()

  /* ------------------------------------------------------------------ */
  /* Snowball 3.1.1 German stemmer (port of snowballstemmer/german_stemmer) */
  /* Strings are indexed by UTF-16 unit; fold() guarantees BMP input.    */
  /* ------------------------------------------------------------------ */

  var stemGerman = (function () {
    var G_V = grouping('aeiouyäöü')
    var G_ET_ENDING = grouping('Udfgklmnrstzä')
    var G_S_ENDING = grouping('bdfghklmnrt')
    var G_ST_ENDING = grouping('bdfghklmnt')

    /* Among tables: [string, substring index, result]. */
    var A_0 = [['', -1, 5], ['ae', 0, 2], ['oe', 0, 3], ['qu', 0, -1], ['ue', 0, 4], ['ß', 0, 1]]
    var A_1 = [['', -1, 5], ['U', 0, 2], ['Y', 0, 1], ['ä', 0, 3], ['ö', 0, 4], ['ü', 0, 2]]
    var A_2 = [['e', -1, 3], ['em', -1, 1], ['en', -1, 3], ['erinnen', 2, 2], ['erin', -1, 2],
      ['ln', -1, 5], ['ern', -1, 2], ['er', -1, 2], ['s', -1, 4], ['es', 8, 3], ['lns', 8, 5]]
    var A_3 = [['tick', -1, -1], ['plan', -1, -1], ['geordn', -1, -1], ['intern', -1, -1], ['tr', -1, -1]]
    var A_4 = [['en', -1, 1], ['er', -1, 1], ['et', -1, 3], ['st', -1, 2], ['est', 3, 1]]
    var A_5 = [['ig', -1, 1], ['lich', -1, 1]]
    var A_6 = [['end', -1, 1], ['ig', -1, 2], ['ung', -1, 1], ['lich', -1, 3], ['isch', -1, 2],
      ['ik', -1, 2], ['heit', -1, 3], ['keit', -1, 4]]
    var A_7 = [["'", -1, 1], ["'sch", -1, 1], ["'s", -1, 1]]

    /* The word being stemmed, and german.sbl's own state. */
    var r = new Snowball()
    var p1 = 0
    var p2 = 0

    /* Rules of german.sbl. */
    function rPrelude () {
      var v1 = r.cursor
      /* u and y between vowels become U and Y (consonants). */
      for (;;) {
        var v2 = r.cursor
        var found = false
        for (;;) {
          var v3 = r.cursor
          var hit = false
          if (r.inGrouping(G_V)) {
            r.bra = r.cursor
            var v4 = r.cursor
            if (r.cursor !== r.limit && r.current.charAt(r.cursor) === 'u') {
              r.cursor++
              r.ket = r.cursor
              if (r.inGrouping(G_V)) {
                r.sliceFrom('U')
                hit = true
              }
            }
            if (!hit) {
              r.cursor = v4
              if (r.cursor !== r.limit && r.current.charAt(r.cursor) === 'y') {
                r.cursor++
                r.ket = r.cursor
                if (r.inGrouping(G_V)) {
                  r.sliceFrom('Y')
                  hit = true
                }
              }
            }
          }
          if (hit) {
            r.cursor = v3
            found = true
            break
          }
          r.cursor = v3
          if (r.cursor >= r.limit) break
          r.cursor++
        }
        if (!found) {
          r.cursor = v2
          break
        }
      }
      r.cursor = v1
      /* ß, ae, oe, ue become ss, ä, ö, ü (not the u of qu). */
      for (;;) {
        var v5 = r.cursor
        r.bra = r.cursor
        var amongVar = r.findAmong(A_0)
        r.ket = r.cursor
        if (amongVar === 1) r.sliceFrom('ss')
        else if (amongVar === 2) r.sliceFrom('ä')
        else if (amongVar === 3) r.sliceFrom('ö')
        else if (amongVar === 4) r.sliceFrom('ü')
        else if (amongVar === 5) {
          if (r.cursor >= r.limit) {
            r.cursor = v5
            break
          }
          r.cursor++
        }
      }
    }

    function rMarkRegions () {
      p1 = r.limit
      p2 = r.limit
      var v1 = r.cursor
      if (r.cursor + 3 > r.limit) return false
      r.cursor += 3
      var x = r.cursor
      r.cursor = v1
      if (!r.goOutGrouping(G_V)) return false
      r.cursor++
      if (!r.goInGrouping(G_V)) return false
      r.cursor++
      p1 = r.cursor
      if (p1 < x) p1 = x
      if (!r.goOutGrouping(G_V)) return false
      r.cursor++
      if (!r.goInGrouping(G_V)) return false
      r.cursor++
      p2 = r.cursor
      return true
    }

    function rPostlude () {
      for (;;) {
        var v1 = r.cursor
        r.bra = r.cursor
        var amongVar = r.findAmong(A_1)
        r.ket = r.cursor
        if (amongVar === 1) r.sliceFrom('y')
        else if (amongVar === 2) r.sliceFrom('u')
        else if (amongVar === 3) r.sliceFrom('a')
        else if (amongVar === 4) r.sliceFrom('o')
        else {
          if (r.cursor >= r.limit) {
            r.cursor = v1
            break
          }
          r.cursor++
        }
      }
    }

    function rR1 () { return p1 <= r.cursor }
    function rR2 () { return p2 <= r.cursor }

    function rStandardSuffix () {
      var v1 = r.limit - r.cursor
      var amongVar
      lab0: {
        r.ket = r.cursor
        amongVar = r.findAmongB(A_2)
        if (amongVar === 0) break lab0
        r.bra = r.cursor
        if (!rR1()) break lab0
        if (amongVar === 1) {
          if (r.eqSB('syst')) break lab0
          r.sliceDel()
        } else if (amongVar === 2) {
          r.sliceDel()
        } else if (amongVar === 3) {
          r.sliceDel()
          var v2 = r.limit - r.cursor
          r.ket = r.cursor
          if (r.charBefore('s')) {
            r.cursor--
            r.bra = r.cursor
            if (r.eqSB('nis')) r.sliceDel()
            else r.cursor = r.limit - v2
          } else {
            r.cursor = r.limit - v2
          }
        } else if (amongVar === 4) {
          if (!r.inGroupingB(G_S_ENDING)) break lab0
          r.sliceDel()
        } else {
          r.sliceFrom('l')
        }
      }
      r.cursor = r.limit - v1
      var v3 = r.limit - r.cursor
      lab1: {
        r.ket = r.cursor
        amongVar = r.findAmongB(A_4)
        if (amongVar === 0) break lab1
        r.bra = r.cursor
        if (!rR1()) break lab1
        if (amongVar === 1) {
          r.sliceDel()
        } else if (amongVar === 2) {
          if (!r.inGroupingB(G_ST_ENDING)) break lab1
          if (r.cursor - 3 < r.limitBackward) break lab1
          r.cursor -= 3
          r.sliceDel()
        } else {
          var v4 = r.limit - r.cursor
          if (!r.inGroupingB(G_ET_ENDING)) break lab1
          r.cursor = r.limit - v4
          var v5 = r.limit - r.cursor
          if (r.findAmongB(A_3) !== 0) break lab1
          r.cursor = r.limit - v5
          r.sliceDel()
        }
      }
      r.cursor = r.limit - v3
      var v6 = r.limit - r.cursor
      lab2: {
        r.ket = r.cursor
        amongVar = r.findAmongB(A_6)
        if (amongVar === 0) break lab2
        r.bra = r.cursor
        if (!rR2()) break lab2
        if (amongVar === 1) {
          r.sliceDel()
          var v7 = r.limit - r.cursor
          r.ket = r.cursor
          if (!r.eqSB('ig')) {
            r.cursor = r.limit - v7
          } else {
            r.bra = r.cursor
            if (r.charBefore('e')) {
              r.cursor = r.limit - v7
            } else if (!rR2()) {
              r.cursor = r.limit - v7
            } else {
              r.sliceDel()
            }
          }
        } else if (amongVar === 2) {
          if (r.charBefore('e')) break lab2
          r.sliceDel()
        } else if (amongVar === 3) {
          r.sliceDel()
          var v8 = r.limit - r.cursor
          r.ket = r.cursor
          if (!r.eqSB('er') && !r.eqSB('en')) {
            r.cursor = r.limit - v8
          } else {
            r.bra = r.cursor
            if (!rR1()) r.cursor = r.limit - v8
            else r.sliceDel()
          }
        } else {
          r.sliceDel()
          var v9 = r.limit - r.cursor
          r.ket = r.cursor
          if (r.findAmongB(A_5) === 0) {
            r.cursor = r.limit - v9
          } else {
            r.bra = r.cursor
            if (!rR2()) r.cursor = r.limit - v9
            else r.sliceDel()
          }
        }
      }
      r.cursor = r.limit - v6
      var v10 = r.limit - r.cursor
      lab3: {
        r.ket = r.cursor
        if (r.findAmongB(A_7) === 0) break lab3
        r.bra = r.cursor
        if (r.cursor <= r.limitBackward) break lab3
        r.cursor--
        if (r.cursor <= r.limitBackward) break lab3
        r.sliceDel()
      }
      r.cursor = r.limit - v10
    }

    function stem () {
      var v1 = r.cursor
      rPrelude()
      r.cursor = v1
      var v2 = r.cursor
      rMarkRegions()
      r.cursor = v2
      r.limitBackward = r.cursor
      r.cursor = r.limit
      rStandardSuffix()
      r.cursor = r.limitBackward
      var v3 = r.cursor
      rPostlude()
      r.cursor = v3
    }

    return function stemGerman (word) {
      r.setCurrent(word)
      stem()
      return r.current
    }
  })()

  /* ------------------------------------------------------------------ */
  /* Dutch normalisation and compound splitting                          */
  /* ------------------------------------------------------------------ */

  var VERB_ENDINGS = ['t', 'dt', 'd']
  var SAFE_VERB_ENDING = /(eer|el|er)(dt|t|d)$/
  var LONG_VOWEL = /(aa|ee|oo|uu)([bcdfghjklmnpqrstvwxz]+)$/
  var SHORT_VOWEL = /([^aeiou]|^)([aeou])([bcdfghjklmnpqrstvwxz]+)$/
  var DOUBLE_CONSONANT = /([bcdfgklmnprt])\1$/
  var MIN_STEM_AFTER_ENDING = 3
  var MIN_SAFE_STEM = 6

  function shortenVowel (stem) {
    return stem.replace(LONG_VOWEL, function (_, vowels, consonants) {
      return vowels.charAt(0) + consonants
    })
  }

  function lengthenVowel (stem) {
    return stem.replace(SHORT_VOWEL, function (_, before, vowel, consonants) {
      return before + vowel + vowel + consonants
    })
  }

  /** The listed verb stem of an agent noun's stem (bezorger -> bezorg, lezer -> lees), or null. */
  function agentVerb (stem, verbs) {
    var verb
    if (/ateur$/.test(stem)) verb = stem.slice(0, -5) + 'er'
    else if (/eur$/.test(stem)) verb = stem.slice(0, -3) + 'er'
    else if (/aar$/.test(stem)) verb = stem.slice(0, -3)
    else if (/er$/.test(stem)) {
      verb = stem.slice(0, -2).replace(DOUBLE_CONSONANT, '$1')
      var last = verb.slice(-1)
      if (last === 'z') verb = verb.slice(0, -1) + 's'
      else if (last === 'v') verb = verb.slice(0, -1) + 'f'
    } else return null
    if (verb.length < MIN_STEM_AFTER_ENDING) return null
    var forms = [verb, lengthenVowel(verb)]
    for (var i = 0; i < forms.length; i++) if (verbs.has(forms[i])) return forms[i]
    return null
  }

  /**
   * Normalise a Snowball Dutch stem so that verb forms, agent nouns and vowel
   * length variants meet (see text_pipeline.normalise_dutch_stem): a final
   * -t/-dt/-d goes when the rest is a listed verb stem or a verb-like stem of
   * six letters or more ending in -eer/-el/-er; an agent noun becomes its
   * listed verb; a doubled vowel before the final consonants is shortened.
   */
  function normaliseDutchStem (stem) {
    var verbs = dutchData().verbs
    for (var i = 0; i < VERB_ENDINGS.length; i++) {
      var ending = VERB_ENDINGS[i]
      var rest = stem.slice(0, stem.length - ending.length)
      if (stem.slice(-ending.length) === ending && rest.length >= MIN_STEM_AFTER_ENDING &&
          (verbs.has(rest) || (rest.length >= MIN_SAFE_STEM && SAFE_VERB_ENDING.test(stem)))) {
        return shortenVowel(rest)
      }
    }
    if (!verbs.has(stem)) stem = agentVerb(stem, verbs) || stem
    return shortenVowel(stem)
  }

  /** vaklieden -> vakman: the plural Snowball cannot know. */
  function irregularPlural (word) {
    return word.length > 6 && word.slice(-6) === 'lieden' ? word.slice(0, -6) + 'man' : word
  }

  /** The Dutch index/query term of an already folded word. */
  function dutchTerm (word) {
    if (state.names.has(word)) return word  // place names stay as they are
    return normaliseDutchStem(stemDutch(irregularPlural(word)))
  }

  var COMPOUND_WORD = /^[a-z]+$/
  var MIN_PART = 4
  var MAX_COMPOUND = 48
  var LINKS = ['', 's', 'en', 'e']

  /** A compound may end in a lexicon word or an inflection of one (same term, 4+ letters). */
  function isHead (word, lexicon) {
    if (lexicon.words.has(word)) return true
    var term = dutchTerm(word)
    return term.length >= MIN_PART && lexicon.terms.has(term)
  }

  /**
   * Split a folded word into known parts, or return null.  Parts come from
   * the lexicon (minimum length 4); between parts a linking "s", "en" or
   * "e" may be skipped; the last part may be an inflection of a lexicon word
   * (ontwikkelaars, see isHead).  At each position the longest
   * part is tried first, backtracking when the rest cannot be split.
   */
  function splitCompound (word, lexicon) {
    var n = word.length
    if (n < 2 * MIN_PART || n > MAX_COMPOUND || !COMPOUND_WORD.test(word)) return null
    var memo = Object.create(null)

    function splitFrom (start, wholeAllowed) {
      if (wholeAllowed && start in memo) return memo[start]
      var result = null
      var tail = word.slice(start)
      if (wholeAllowed && isHead(tail, lexicon)) {
        result = [tail]
      } else {
        for (var end = n - MIN_PART; end >= start + MIN_PART && result === null; end--) {
          var part = word.slice(start, end)
          if (!lexicon.words.has(part)) continue
          for (var i = 0; i < LINKS.length; i++) {
            var next = end + LINKS[i].length
            if (word.slice(end, next) !== LINKS[i] || n - next < MIN_PART) continue
            var rest = splitFrom(next, true)
            if (rest !== null) {
              result = [part].concat(rest)
              break
            }
          }
        }
      }
      if (wholeAllowed) memo[start] = result
      return result
    }

    return splitFrom(0, false)
  }

  var MIN_MODIFIER = 3

  /**
   * The known word a compound ends in, for words splitCompound cannot split
   * (webontwikkelaar -> ontwikkelaar): the longest known ending after at
   * least three letters that are not an inseparable prefix (ver, ont), or
   * null.  Index time only.
   */
  function compoundHead (word, lexicon, inseparable) {
    var n = word.length
    if (n < MIN_MODIFIER + MIN_PART || n > MAX_COMPOUND || !COMPOUND_WORD.test(word)) return null
    for (var start = MIN_MODIFIER; start <= n - MIN_PART; start++) {
      if (inseparable.has(word.slice(0, start))) continue  // verkoopt is not a compound
      if (isHead(word.slice(start), lexicon)) {
        // An ending with the word's own term adds nothing (gewerkt -> werkt).
        return dutchTerm(word.slice(start)) !== dutchTerm(word) ? word.slice(start) : null
      }
    }
    return null
  }

  var MIN_MODIFIER_PART = 3
  var MIN_TAIL = 5
  var TAIL_LINKS = ['s', 'en', 'e']

  /**
   * A compound that starts with a known word but ends in an unknown one
   * (energiecooperatie -> [energie, cooperatie]); see text_pipeline.compound_tail.
   * Index time only.
   */
  function compoundTail (word, data) {
    var n = word.length
    if (n < MIN_PART + MIN_TAIL || n > MAX_COMPOUND || !COMPOUND_WORD.test(word)) return null
    for (var end = n - MIN_TAIL; end >= MIN_PART; end--) {
      var part = word.slice(0, end)
      if (!data.lexicon.words.has(part) || data.prefixes.has(part) || data.stopWords.has(part)) continue
      for (var i = 0; i < TAIL_LINKS.length; i++) {
        var link = TAIL_LINKS[i]
        if (word.slice(end, end + link.length) === link && n - end - link.length >= MIN_TAIL) {
          return [part, word.slice(end + link.length)]
        }
      }
      return [part, word.slice(end)]
    }
    return null
  }

  /**
   * What comes before `head` in a compound splitCompound cannot split
   * (pythonontwikkelaar -> python, veiligheidsadviseur -> veiligheid), or
   * null for a prefix, a stop word or fewer than three letters.  A linking
   * "s" goes when more than three letters remain.  Index time only.
   */
  function compoundModifier (word, head, data) {
    var modifier = word.slice(0, word.length - head.length)
    if (modifier.slice(-1) === 's' && modifier.length > MIN_MODIFIER_PART + 1) modifier = modifier.slice(0, -1)
    if (modifier.length < MIN_MODIFIER_PART || data.prefixes.has(modifier) || data.stopWords.has(modifier)) return null
    return modifier
  }

  /* ------------------------------------------------------------------ */
  /* Registration on a lunr object                                       */
  /* ------------------------------------------------------------------ */

  var state = {
    lunr: null, functions: null, nl: null, generic: {}, families: Object.create(null), names: new Set(), de: null
  }

  function germanData () {
    if (state.de === null) {
      throw new Error('German search data not loaded: ' +
        'pass pipeline_data() to registerTwentePipeline')
    }
    return state.de
  }

  /** The German index/query term of an already folded word: a place name as it is, else the
   *  stem of its singular (see text_pipeline.german_term). */
  function germanTerm (word) {
    if (state.names.has(word)) return word
    var plural = germanData().plurals[word]
    return stemGerman(plural === undefined ? word : plural)
  }

  function dutchData () {
    if (state.nl === null) {
      throw new Error('Dutch search data not loaded: ' +
        'pass pipeline_data() to registerTwentePipeline')
    }
    return state.nl
  }

  function buildDutchData (raw) {
    var words = new Set(raw.lexicon)
    var terms = new Set(raw.lexiconTerms || [])
    var data = {
      stopWords: new Set(raw.stopWords),
      verbs: new Set(raw.verbStems),
      prefixes: new Set(raw.prefixes),
      inseparable: new Set(raw.inseparable),
      lexicon: { words: words, terms: terms }
    }
    if (!raw.lexiconTerms) {
      state.nl = data  // dutchTerm needs the verbs already
      words.forEach(function (w) { terms.add(dutchTerm(w)) })
    }
    return data
  }

  function updateToken (token, fn) {
    token.update(fn)
    return token.toString() === '' ? undefined : token
  }

  function makeFunctions (lunr) {
    var fns = {}
    fns[LABELS.trimmer] = function (token) { return updateToken(token, trim) }
    fns[LABELS.fold] = function (token) { return updateToken(token, fold) }
    fns[LABELS.stopWordFilterNl] = function (token) {
      return dutchData().stopWords.has(token.toString()) ? undefined : token
    }
    fns[LABELS.decompoundNl] = function (token) {
      var data = dutchData()
      var word = token.toString()
      if (state.names.has(word)) return token
      var parts = splitCompound(word, data.lexicon)
      if (parts === null) {
        var head = compoundHead(word, data.lexicon, data.inseparable)
        parts = head === null ? compoundTail(word, data)
          : [compoundModifier(word, head, data), head].filter(function (p) { return p })
      }
      if (parts === null) return token
      return [token].concat(parts.map(function (p) {
        return token.clone(function () { return p })
      }))
    }
    fns[LABELS.decompoundQueryNl] = function (token) {
      var parts = state.names.has(token.toString()) ? null : splitCompound(token.toString(), dutchData().lexicon)
      if (parts === null) return token
      return parts.map(function (p) { return token.clone(function () { return p }) })
    }
    fns[LABELS.stemmerNl] = function (token) { return updateToken(token, dutchTerm) }
    fns[LABELS.stopWordFilterDe] = function (token) {
      return germanData().stopWords.has(token.toString()) ? undefined : token
    }
    fns[LABELS.stemmerDe] = function (token) { return updateToken(token, germanTerm) }
    fns[LABELS.stemmerEn] = function (token) {
      if (state.names.has(token.toString())) return token
      var family = state.families[token.toString()]
      return family === undefined ? lunr.stemmer(token) : token.update(function () { return family })
    }
    return fns
  }

  /**
   * Register every Twente pipeline function on `lunr` (once) and load the
   * language data produced by text_pipeline.pipeline_data().  Call before
   * lunr.Index.load().  Calling again replaces the data.
   */
  function registerTwentePipeline (lunr, data) {
    if (state.lunr !== lunr) {
      state.lunr = lunr
      state.functions = makeFunctions(lunr)
      Object.keys(state.functions).forEach(function (label) {
        lunr.Pipeline.registerFunction(state.functions[label], label)
      })
    }
    if (data && data.nl) state.nl = buildDutchData(data.nl)
    if (data && data.generic) state.generic = data.generic
    if (data && data.names) state.names = new Set(data.names)
    if (data && data.en) state.families = Object.assign(Object.create(null), data.en.families)
    if (data && data.de) {
      state.de = {
        stopWords: new Set(data.de.stopWords),
        plurals: Object.assign(Object.create(null), data.de.plurals)
      }
    }
    return api
  }

  /** The folded words of a job directory no query needs to match, for these languages. */
  function genericWords (languages) {
    var words = new Set()
    languages.forEach(function (lang) {
      (state.generic[lang] || []).forEach(function (w) { words.add(w) })
    })
    return words
  }

  function registered () {
    if (state.lunr === null) throw new Error('call registerTwentePipeline(lunr, data) first')
    return state.lunr
  }

  function pipelineFunctions (labels) {
    var lunr = registered()
    return labels.map(function (label) { return lunr.Pipeline.registeredFunctions[label] })
  }

  /** Configure a lunr.Builder (index and search pipeline) for a language. */
  function configureBuilder (builder, lang) {
    var p = pipelineFor(lang)
    builder.pipeline.reset()
    builder.searchPipeline.reset()
    builder.pipeline.add.apply(builder.pipeline, pipelineFunctions(p.index))
    builder.searchPipeline.add.apply(builder.searchPipeline, pipelineFunctions(p.search))
    return builder
  }

  function runPipeline (labels, tokens) {
    var lunr = registered()
    var pipeline = new lunr.Pipeline()
    pipeline.add.apply(pipeline, pipelineFunctions(labels))
    return pipeline.run(tokens).map(function (t) { return t.toString() })
  }

  /** Index-time terms of a text, as lunr.js would index them (lunr's tokenizer). */
  function analyse (text, lang) {
    var lunr = registered()
    return runPipeline(pipelineFor(lang).index, lunr.tokenizer(text))
  }

  /** Index-time terms of an already tokenised list of words. */
  function analyseTokens (words, lang) {
    var lunr = registered()
    var tokens = words.map(function (w) { return new lunr.Token(w, {}) })
    return runPipeline(pipelineFor(lang).index, tokens)
  }

  /**
   * The distinct terms a query must match, in order: split on whitespace and
   * hyphens, stop words dropped (unless `keepStopWords`), compounds replaced by
   * their parts, stemmed.  Use them with `usePipeline: false`.
   */
  function tokenizeQuery (text, lang, keepStopWords) {
    var lunr = registered()
    var tokens = String(text).split(QUERY_SEPARATOR)
      .filter(function (s) { return s !== '' })
      .map(function (s) { return new lunr.Token(s, {}) })
    var seen = new Set()
    return runPipeline(labelsOf(lang, 'query', keepStopWords), tokens).filter(function (term) {
      if (seen.has(term)) return false
      seen.add(term)
      return true
    })
  }

  /** lunr.js's Porter stemmer on one word. */
  function stemEnglish (word) {
    var lunr = registered()
    return lunr.stemmer(new lunr.Token(word, {})).toString()
  }

  /** The English index/query term of a folded word: its family's, else Porter's. */
  function englishTerm (word) {
    if (state.names.has(word)) return word
    var family = state.families[word]
    return family === undefined ? stemEnglish(word) : family
  }

  var api = {
    LABELS: LABELS,
    PIPELINES: PIPELINES,
    QUERY_SEPARATOR: QUERY_SEPARATOR,
    registerTwentePipeline: registerTwentePipeline,
    configureBuilder: configureBuilder,
    tokenizeQuery: tokenizeQuery,
    isAcronym: isAcronym,
    genericWords: genericWords,
    analyse: analyse,
    analyseTokens: analyseTokens,
    trim: trim,
    fold: fold,
    stemDutch: stemDutch,
    stemGerman: stemGerman,
    germanTerm: germanTerm,
    normaliseDutchStem: normaliseDutchStem,
    dutchTerm: dutchTerm,
    stemEnglish: stemEnglish,
    englishTerm: englishTerm,
    irregularPlural: irregularPlural,
    splitCompound: function (word) { return splitCompound(word, dutchData().lexicon) }
  }
  return api
}))
