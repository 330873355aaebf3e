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
  /* Snowball 3.1.1 Dutch stemmer (port of snowballstemmer/dutch_stemmer) */
  /* Strings are indexed by UTF-16 unit; fold() guarantees BMP input.    */
  /* ------------------------------------------------------------------ */

  var stemDutch = (function () {
    function set (chars) {
      var s = Object.create(null)
      for (var i = 0; i < chars.length; i++) s[chars[i]] = true
      return s
    }
    var G_E = set('eèéêë')
    var G_AIOU = set('aiouàáâäìíîïòóôöùúûü')
    var G_AEIOU = set('aeiouàáâäèéêëìíîïòóôöùúûü')
    var G_V = set('aeiouyàáâäèéêëìíîïòóôöùúûü')
    var G_V_WX = set('aeiouwxyàáâäèéêëìíîïòóôöùúûü')

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

    /* Snowball runtime state (basestemmer.py). */
    var current = ''
    var cursor = 0
    var limit = 0
    var limitBackward = 0
    var bra = 0
    var ket = 0
    var p1 = 0
    var p2 = 0
    var geRemoved = false

    function inGrouping (g) {
      if (cursor >= limit || !g[current.charAt(cursor)]) return false
      cursor++
      return true
    }
    function inGroupingB (g) {
      if (cursor <= limitBackward || !g[current.charAt(cursor - 1)]) return false
      cursor--
      return true
    }
    function outGrouping (g) {
      if (cursor >= limit || g[current.charAt(cursor)]) return false
      cursor++
      return true
    }
    function outGroupingB (g) {
      if (cursor <= limitBackward || g[current.charAt(cursor - 1)]) return false
      cursor--
      return true
    }
    function eqS (s) {
      if (limit - cursor < s.length || current.substr(cursor, s.length) !== s) return false
      cursor += s.length
      return true
    }
    function eqSB (s) {
      if (cursor - limitBackward < s.length) return false
      if (current.substring(cursor - s.length, cursor) !== s) return false
      cursor -= s.length
      return true
    }
    function charBefore (ch) {
      return cursor > limitBackward && current.charAt(cursor - 1) === ch
    }

    function findAmong (v) {
      var i = 0
      var j = v.length
      var c = cursor
      var l = limit
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
          diff = current.charCodeAt(c + common) - w.charCodeAt(i2)
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
          cursor = c + entry[0].length
          return entry[2]
        }
        i = entry[1]
        if (i < 0) return 0
      }
    }

    function findAmongB (v) {
      var i = 0
      var j = v.length
      var c = cursor
      var lb = limitBackward
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
          diff = current.charCodeAt(c - 1 - common) - w.charCodeAt(i2)
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
          cursor = c - entry[0].length
          return entry[2]
        }
        i = entry[1]
        if (i < 0) return 0
      }
    }

    function replaceS (cBra, cKet, s) {
      var adjustment = s.length - (cKet - cBra)
      current = current.slice(0, cBra) + s + current.slice(cKet)
      limit += adjustment
      if (cursor >= cKet) cursor += adjustment
      else if (cursor > cBra) cursor = cBra
      return adjustment
    }
    function sliceFrom (s) {
      replaceS(bra, ket, s)
      ket = bra + s.length
    }
    function sliceDel () { sliceFrom('') }
    function insert (cBra, cKet, s) {
      var adjustment = replaceS(cBra, cKet, s)
      if (cBra <= bra) bra += adjustment
      if (cBra <= ket) ket += adjustment
    }
    function sliceTo () { return current.slice(bra, ket) }

    /* Rules of dutch.sbl. */
    function rR1 () { return p1 <= cursor }
    function rR2 () { return p2 <= cursor }

    function rV () {
      var v1 = limit - cursor
      if (!inGroupingB(G_V) && !eqSB('ij')) return false
      cursor = limit - v1
      return true
    }

    function rVX () {
      var v1 = limit - cursor
      if (cursor <= limitBackward) return false
      cursor--
      if (!inGroupingB(G_V) && !eqSB('ij')) return false
      cursor = limit - v1
      return true
    }

    function rC () {
      var v1 = limit - cursor
      if (eqSB('ij')) return false
      if (!outGroupingB(G_V)) return false
      cursor = limit - v1
      return true
    }

    function doubleSlice () {
      var ch = sliceTo()
      var c = cursor
      insert(cursor, cursor, ch)
      cursor = c
    }

    function rLengthenV () {
      var v1 = limit - cursor
      lab0: {
        if (!outGroupingB(G_V_WX)) break lab0
        ket = cursor
        var amongVar = findAmongB(A_0)
        if (amongVar === 0) break lab0
        bra = cursor
        if (amongVar === 1) {
          var v2 = limit - cursor
          if (!outGroupingB(G_AEIOU) && cursor > limitBackward) break lab0
          cursor = limit - v2
          doubleSlice()
        } else if (amongVar === 2) {
          var v3 = limit - cursor
          if (!outGroupingB(G_AEIOU) && cursor > limitBackward) break lab0
          var v4 = limit - cursor
          lab1: {
            if (!inGroupingB(G_AIOU)) {
              if (!inGroupingB(G_E)) break lab1
              if (cursor > limitBackward) break lab1
            }
            break lab0
          }
          cursor = limit - v4
          var v5 = limit - cursor
          lab2: {
            if (cursor <= limitBackward) break lab2
            cursor--
            if (!inGroupingB(G_AIOU)) break lab2
            if (!outGroupingB(G_AEIOU)) break lab2
            break lab0
          }
          cursor = limit - v5
          cursor = limit - v3
          doubleSlice()
        } else if (amongVar === 3) {
          sliceFrom('eëe')
        } else {
          sliceFrom('iee')
        }
      }
      cursor = limit - v1
      return true
    }

    function rStep1 () {
      ket = cursor
      var amongVar = findAmongB(A_1)
      if (amongVar === 0) return false
      bra = cursor
      switch (amongVar) {
        case 1:
          sliceDel()
          break
        case 2: {
          if (!rR1()) return false
          var v1 = limit - cursor
          lab0: {
            if (!charBefore('t')) break lab0
            cursor--
            if (!rR1()) break lab0
            return false
          }
          cursor = limit - v1
          if (!rC()) return false
          sliceDel()
          break
        }
        case 3:
          if (!rR1()) return false
          sliceFrom('ie')
          break
        case 4: {
          var v2 = limit - cursor
          or: {
            alt1: {
              var v3 = limit - cursor
              if (!eqSB('ar') || !rR1() || !rC()) break alt1
              cursor = limit - v3
              sliceDel()
              rLengthenV()
              break or
            }
            cursor = limit - v2
            alt2: {
              var v4 = limit - cursor
              if (!eqSB('er') || !rR1() || !rC()) break alt2
              cursor = limit - v4
              sliceDel()
              break or
            }
            cursor = limit - v2
            if (!rR1() || !rC()) return false
            sliceFrom('e')
          }
          break
        }
        case 5:
          if (!rR1()) return false
          sliceFrom('é')
          break
        case 6:
          if (!rR1() || !rV()) return false
          sliceFrom('au')
          break
        case 7: {
          var v5 = limit - cursor
          or7: {
            alt1: {
              if (!eqSB('hed') || !rR1()) break alt1
              bra = cursor
              sliceFrom('heid')
              break or7
            }
            cursor = limit - v5
            alt2: {
              if (!eqSB('nd')) break alt2
              sliceDel()
              break or7
            }
            cursor = limit - v5
            alt3: {
              if (!charBefore('d')) break alt3
              cursor--
              if (!rR1() || !rC()) break alt3
              bra = cursor
              sliceDel()
              break or7
            }
            cursor = limit - v5
            alt4: {
              if (charBefore('i')) {
                cursor--
              } else {
                if (!charBefore('j')) break alt4
                cursor--
              }
              if (!rV()) break alt4
              sliceDel()
              break or7
            }
            cursor = limit - v5
            if (!rR1() || !rC()) return false
            sliceDel()
            rLengthenV()
          }
          break
        }
        default:
          sliceFrom('nd')
      }
      return true
    }

    function rStep2 () {
      ket = cursor
      var amongVar = findAmongB(A_2)
      if (amongVar === 0) return false
      bra = cursor
      switch (amongVar) {
        case 1: {
          var v1 = limit - cursor
          or: {
            a1: {
              if (!eqSB("'t")) break a1
              bra = cursor
              sliceDel()
              break or
            }
            cursor = limit - v1
            a2: {
              if (!eqSB('et')) break a2
              bra = cursor
              if (!rR1() || !rC()) break a2
              sliceDel()
              break or
            }
            cursor = limit - v1
            a3: {
              if (!eqSB('rnt')) break a3
              bra = cursor
              sliceFrom('rn')
              break or
            }
            cursor = limit - v1
            a4: {
              if (!charBefore('t')) break a4
              cursor--
              bra = cursor
              if (!rR1() || !rVX()) break a4
              sliceDel()
              break or
            }
            cursor = limit - v1
            a5: {
              if (!eqSB('ink')) break a5
              bra = cursor
              sliceFrom('ing')
              break or
            }
            cursor = limit - v1
            a6: {
              if (!eqSB('mp')) break a6
              bra = cursor
              sliceFrom('m')
              break or
            }
            cursor = limit - v1
            a7: {
              if (!charBefore("'")) break a7
              cursor--
              bra = cursor
              if (!rR1()) break a7
              sliceDel()
              break or
            }
            cursor = limit - v1
            bra = cursor
            if (!rR1() || !rC()) return false
            sliceDel()
          }
          break
        }
        case 2:
          if (!rR1()) return false
          sliceFrom('g')
          break
        case 3:
          if (!rR1()) return false
          sliceFrom('lijk')
          break
        case 4:
          if (!rR1()) return false
          sliceFrom('isch')
          break
        case 5:
          if (!rR1() || !rC()) return false
          sliceDel()
          break
        case 6:
          if (!rR1()) return false
          sliceFrom('t')
          break
        case 7:
          if (!rR1()) return false
          sliceFrom('s')
          break
        case 8:
          if (!rR1()) return false
          sliceFrom('r')
          break
        case 9:
          if (!rR1()) return false
          sliceDel()
          insert(cursor, cursor, 'l')
          rLengthenV()
          break
        case 10:
          if (!rR1() || !rC()) return false
          sliceDel()
          insert(cursor, cursor, 'en')
          rLengthenV()
          break
        default:
          if (!rR1() || !rC()) return false
          sliceFrom('ief')
      }
      return true
    }

    function rStep3 () {
      ket = cursor
      var amongVar = findAmongB(A_3)
      if (amongVar === 0) return false
      bra = cursor
      switch (amongVar) {
        case 1:
          if (!rR1()) return false
          sliceFrom('eer')
          break
        case 2:
          if (!rR1()) return false
          sliceDel()
          rLengthenV()
          break
        case 3:
          if (!rR1()) return false
          sliceDel()
          break
        case 4:
          sliceFrom('r')
          break
        case 5: {
          var v1 = limit - cursor
          if (eqSB('ild')) {
            sliceFrom('er')
            break
          }
          cursor = limit - v1
          if (!rR1()) return false
          sliceDel()
          rLengthenV()
          break
        }
        case 6:
          if (!rR1() || !rC()) return false
          sliceFrom('aar')
          break
        case 7:
          if (!rR2()) return false
          sliceDel()
          insert(cursor, cursor, 'f')
          rLengthenV()
          break
        case 8:
          if (!rR2()) return false
          sliceDel()
          insert(cursor, cursor, 'g')
          rLengthenV()
          break
        case 9:
          if (!rR1() || !rC()) return false
          sliceFrom('t')
          break
        default:
          if (!rR1() || !rC()) return false
          sliceFrom('d')
      }
      return true
    }

    function rStep4 () {
      var v1 = limit - cursor
      lab0: {
        ket = cursor
        var amongVar = findAmongB(A_4)
        if (amongVar === 0) break lab0
        bra = cursor
        switch (amongVar) {
          case 1:
            if (!rR1()) break lab0
            sliceFrom('ie')
            break
          case 2:
            if (!rR1()) break lab0
            sliceFrom('eer')
            break
          case 3:
            if (!rR1()) break lab0
            sliceDel()
            break
          case 4:
            if (!rR1() || !rV()) break lab0
            sliceFrom('n')
            break
          case 5:
            if (!rR1() || !rV()) break lab0
            sliceFrom('l')
            break
          case 6:
            if (!rR1() || !rV()) break lab0
            sliceFrom('r')
            break
          case 7:
            if (!rR1()) break lab0
            sliceFrom('teer')
            break
          case 8:
            if (!rR1()) break lab0
            sliceFrom('lijk')
            break
          default:
            if (!rR1() || !rC()) break lab0
            sliceDel()
            rLengthenV()
        }
        return true
      }
      cursor = limit - v1
      ket = cursor
      if (findAmongB(A_5) === 0) return false
      bra = cursor
      if (!rR1()) return false
      var v2 = limit - cursor
      if (eqSB('inn') && cursor <= limitBackward) return false
      cursor = limit - v2
      if (!rC()) return false
      sliceDel()
      rLengthenV()
      return true
    }

    function rStep7 () {
      ket = cursor
      var amongVar = findAmongB(A_6)
      if (amongVar === 0) return false
      bra = cursor
      sliceFrom(AS_6[amongVar - 1])
      return true
    }

    function rStep6 () {
      ket = cursor
      var amongVar = findAmongB(A_7)
      if (amongVar === 0) return false
      bra = cursor
      if (amongVar === 11) {
        var v1 = limit - cursor
        if (charBefore('i')) {
          cursor--
          if (cursor <= limitBackward) return false
        }
        cursor = limit - v1
      }
      sliceFrom(AS_7[amongVar - 1])
      return true
    }

    function rStep1c () {
      ket = cursor
      var amongVar = findAmongB(A_8)
      if (amongVar === 0) return false
      bra = cursor
      if (!rR1() || !rC()) return false
      if (amongVar === 1) {
        var v1 = limit - cursor
        lab0: {
          if (!charBefore('n')) break lab0
          cursor--
          if (!rR1()) break lab0
          return false
        }
        cursor = limit - v1
        var v2 = limit - cursor
        if (eqSB('in') && cursor <= limitBackward) {
          sliceFrom('n')
        } else {
          cursor = limit - v2
          sliceDel()
        }
      } else {
        var v3 = limit - cursor
        lab1: {
          if (!charBefore('h')) break lab1
          cursor--
          if (!rR1()) break lab1
          return false
        }
        cursor = limit - v3
        var v4 = limit - cursor
        if (eqSB('en') && cursor <= limitBackward) return false
        cursor = limit - v4
        sliceDel()
      }
      return true
    }

    function vowel () {
      return eqS('ij') || inGrouping(G_V)
    }

    /* Shared tail of Lose_prefix and Lose_infix: "ge" must be followed by
       at least three characters, a vowel and then a non-vowel. */
    function geFollowedBySyllable () {
      if (cursor + 3 > limit) return false
      var v2 = cursor
      for (;;) {
        var v3 = cursor
        if (vowel()) break
        cursor = v3
        if (cursor >= limit) return false
        cursor++
      }
      for (;;) {
        var v4 = cursor
        if (vowel()) continue
        cursor = v4
        break
      }
      if (cursor >= limit) return false
      cursor = v2
      return true
    }

    function removeGeAndDiaeresis () {
      geRemoved = true
      sliceDel()
      var v5 = cursor
      bra = cursor
      var amongVar = findAmong(A_10)
      if (amongVar !== 0) {
        ket = cursor
        sliceFrom(AS_10[amongVar - 1])
      }
      cursor = v5
    }

    function rLosePrefix () {
      bra = cursor
      if (!eqS('ge')) return false
      ket = cursor
      if (!geFollowedBySyllable()) return false
      if (findAmong(A_9) === 1) return false
      removeGeAndDiaeresis()
      return true
    }

    function rLoseInfix () {
      if (cursor >= limit) return false
      cursor++
      for (;;) {
        bra = cursor
        if (eqS('ge')) {
          ket = cursor
          break
        }
        if (cursor >= limit) return false
        cursor++
      }
      if (!geFollowedBySyllable()) return false
      removeGeAndDiaeresis()
      return true
    }

    function skipSyllable () {
      while (outGrouping(G_V)) { /* skip consonants */ }
      var count = 1
      for (;;) {
        var v = cursor
        if (vowel()) { count--; continue }
        cursor = v
        break
      }
      return count <= 0 && outGrouping(G_V)
    }

    function rMeasure () {
      p1 = limit
      p2 = limit
      var v1 = cursor
      if (skipSyllable()) {
        p1 = cursor
        if (skipSyllable()) p2 = cursor
      }
      cursor = v1
      return true
    }

    function backwardStep (rule) {
      var v = limit - cursor
      var ok = rule()
      cursor = limit - v
      return ok
    }

    function loseGe (rule) {
      cursor = limitBackward
      geRemoved = false
      var v1 = cursor
      if (rule()) {
        cursor = v1
        rMeasure()
      }
      cursor = v1
      limitBackward = cursor
      cursor = limit
      var v2 = limit - cursor
      if (geRemoved) rStep1c()
      cursor = limit - v2
      return geRemoved
    }

    function stem () {
      var stemmed = false
      rMeasure()
      limitBackward = cursor
      cursor = limit
      if (backwardStep(rStep1)) stemmed = true
      if (backwardStep(rStep2)) stemmed = true
      if (backwardStep(rStep3)) stemmed = true
      if (backwardStep(rStep4)) stemmed = true
      if (loseGe(rLosePrefix)) stemmed = true
      if (loseGe(rLoseInfix)) stemmed = true
      cursor = limitBackward
      limitBackward = cursor
      cursor = limit
      if (backwardStep(rStep7)) stemmed = true
      if (stemmed) backwardStep(rStep6)
      cursor = limitBackward
    }

    return function stemDutch (word) {
      current = word
      cursor = 0
      limit = word.length
      limitBackward = 0
      bra = 0
      ket = limit
      stem()
      return current
    }
  })()

  /* ------------------------------------------------------------------ */
  /* Snowball 3.1.1 German stemmer (port of snowballstemmer/german_stemmer) */
  /* Strings are indexed by UTF-16 unit; fold() guarantees BMP input.    */
  /* ------------------------------------------------------------------ */

  var stemGerman = (function () {
    function set (chars) {
      var s = Object.create(null)
      for (var i = 0; i < chars.length; i++) s[chars[i]] = true
      return s
    }
    var G_V = set('aeiouyäöü')
    var G_ET_ENDING = set('Udfgklmnrstzä')
    var G_S_ENDING = set('bdfghklmnrt')
    var G_ST_ENDING = set('bdfghklmnt')

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

    /* Snowball runtime state (basestemmer.py). */
    var current = ''
    var cursor = 0
    var limit = 0
    var limitBackward = 0
    var bra = 0
    var ket = 0
    var p1 = 0
    var p2 = 0

    function inGrouping (g) {
      if (cursor >= limit || !g[current.charAt(cursor)]) return false
      cursor++
      return true
    }
    function inGroupingB (g) {
      if (cursor <= limitBackward || !g[current.charAt(cursor - 1)]) return false
      cursor--
      return true
    }
    function goInGrouping (g) {
      while (cursor < limit) {
        if (!g[current.charAt(cursor)]) return true
        cursor++
      }
      return false
    }
    function goOutGrouping (g) {
      while (cursor < limit) {
        if (g[current.charAt(cursor)]) return true
        cursor++
      }
      return false
    }
    function eqSB (s) {
      if (cursor - limitBackward < s.length) return false
      if (current.substring(cursor - s.length, cursor) !== s) return false
      cursor -= s.length
      return true
    }
    function charBefore (ch) {
      return cursor > limitBackward && current.charAt(cursor - 1) === ch
    }

    function findAmong (v) {
      var i = 0
      var j = v.length
      var c = cursor
      var l = limit
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
          diff = current.charCodeAt(c + common) - w.charCodeAt(i2)
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
          cursor = c + entry[0].length
          return entry[2]
        }
        i = entry[1]
        if (i < 0) return 0
      }
    }

    function findAmongB (v) {
      var i = 0
      var j = v.length
      var c = cursor
      var lb = limitBackward
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
          diff = current.charCodeAt(c - 1 - common) - w.charCodeAt(i2)
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
          cursor = c - entry[0].length
          return entry[2]
        }
        i = entry[1]
        if (i < 0) return 0
      }
    }

    function sliceFrom (s) {
      var adjustment = s.length - (ket - bra)
      current = current.slice(0, bra) + s + current.slice(ket)
      limit += adjustment
      if (cursor >= ket) cursor += adjustment
      else if (cursor > bra) cursor = bra
      ket = bra + s.length
    }
    function sliceDel () { sliceFrom('') }

    /* Rules of german.sbl. */
    function rPrelude () {
      var v1 = cursor
      /* u and y between vowels become U and Y (consonants). */
      for (;;) {
        var v2 = cursor
        var found = false
        for (;;) {
          var v3 = cursor
          var hit = false
          if (inGrouping(G_V)) {
            bra = cursor
            var v4 = cursor
            if (cursor !== limit && current.charAt(cursor) === 'u') {
              cursor++
              ket = cursor
              if (inGrouping(G_V)) {
                sliceFrom('U')
                hit = true
              }
            }
            if (!hit) {
              cursor = v4
              if (cursor !== limit && current.charAt(cursor) === 'y') {
                cursor++
                ket = cursor
                if (inGrouping(G_V)) {
                  sliceFrom('Y')
                  hit = true
                }
              }
            }
          }
          if (hit) {
            cursor = v3
            found = true
            break
          }
          cursor = v3
          if (cursor >= limit) break
          cursor++
        }
        if (!found) {
          cursor = v2
          break
        }
      }
      cursor = v1
      /* ß, ae, oe, ue become ss, ä, ö, ü (not the u of qu). */
      for (;;) {
        var v5 = cursor
        bra = cursor
        var amongVar = findAmong(A_0)
        ket = cursor
        if (amongVar === 1) sliceFrom('ss')
        else if (amongVar === 2) sliceFrom('ä')
        else if (amongVar === 3) sliceFrom('ö')
        else if (amongVar === 4) sliceFrom('ü')
        else if (amongVar === 5) {
          if (cursor >= limit) {
            cursor = v5
            break
          }
          cursor++
        }
      }
    }

    function rMarkRegions () {
      p1 = limit
      p2 = limit
      var v1 = cursor
      if (cursor + 3 > limit) return false
      cursor += 3
      var x = cursor
      cursor = v1
      if (!goOutGrouping(G_V)) return false
      cursor++
      if (!goInGrouping(G_V)) return false
      cursor++
      p1 = cursor
      if (p1 < x) p1 = x
      if (!goOutGrouping(G_V)) return false
      cursor++
      if (!goInGrouping(G_V)) return false
      cursor++
      p2 = cursor
      return true
    }

    function rPostlude () {
      for (;;) {
        var v1 = cursor
        bra = cursor
        var amongVar = findAmong(A_1)
        ket = cursor
        if (amongVar === 1) sliceFrom('y')
        else if (amongVar === 2) sliceFrom('u')
        else if (amongVar === 3) sliceFrom('a')
        else if (amongVar === 4) sliceFrom('o')
        else {
          if (cursor >= limit) {
            cursor = v1
            break
          }
          cursor++
        }
      }
    }

    function rR1 () { return p1 <= cursor }
    function rR2 () { return p2 <= cursor }

    function rStandardSuffix () {
      var v1 = limit - cursor
      var amongVar
      lab0: {
        ket = cursor
        amongVar = findAmongB(A_2)
        if (amongVar === 0) break lab0
        bra = cursor
        if (!rR1()) break lab0
        if (amongVar === 1) {
          if (eqSB('syst')) break lab0
          sliceDel()
        } else if (amongVar === 2) {
          sliceDel()
        } else if (amongVar === 3) {
          sliceDel()
          var v2 = limit - cursor
          ket = cursor
          if (charBefore('s')) {
            cursor--
            bra = cursor
            if (eqSB('nis')) sliceDel()
            else cursor = limit - v2
          } else {
            cursor = limit - v2
          }
        } else if (amongVar === 4) {
          if (!inGroupingB(G_S_ENDING)) break lab0
          sliceDel()
        } else {
          sliceFrom('l')
        }
      }
      cursor = limit - v1
      var v3 = limit - cursor
      lab1: {
        ket = cursor
        amongVar = findAmongB(A_4)
        if (amongVar === 0) break lab1
        bra = cursor
        if (!rR1()) break lab1
        if (amongVar === 1) {
          sliceDel()
        } else if (amongVar === 2) {
          if (!inGroupingB(G_ST_ENDING)) break lab1
          if (cursor - 3 < limitBackward) break lab1
          cursor -= 3
          sliceDel()
        } else {
          var v4 = limit - cursor
          if (!inGroupingB(G_ET_ENDING)) break lab1
          cursor = limit - v4
          var v5 = limit - cursor
          if (findAmongB(A_3) !== 0) break lab1
          cursor = limit - v5
          sliceDel()
        }
      }
      cursor = limit - v3
      var v6 = limit - cursor
      lab2: {
        ket = cursor
        amongVar = findAmongB(A_6)
        if (amongVar === 0) break lab2
        bra = cursor
        if (!rR2()) break lab2
        if (amongVar === 1) {
          sliceDel()
          var v7 = limit - cursor
          ket = cursor
          if (!eqSB('ig')) {
            cursor = limit - v7
          } else {
            bra = cursor
            if (charBefore('e')) {
              cursor = limit - v7
            } else if (!rR2()) {
              cursor = limit - v7
            } else {
              sliceDel()
            }
          }
        } else if (amongVar === 2) {
          if (charBefore('e')) break lab2
          sliceDel()
        } else if (amongVar === 3) {
          sliceDel()
          var v8 = limit - cursor
          ket = cursor
          if (!eqSB('er') && !eqSB('en')) {
            cursor = limit - v8
          } else {
            bra = cursor
            if (!rR1()) cursor = limit - v8
            else sliceDel()
          }
        } else {
          sliceDel()
          var v9 = limit - cursor
          ket = cursor
          if (findAmongB(A_5) === 0) {
            cursor = limit - v9
          } else {
            bra = cursor
            if (!rR2()) cursor = limit - v9
            else sliceDel()
          }
        }
      }
      cursor = limit - v6
      var v10 = limit - cursor
      lab3: {
        ket = cursor
        if (findAmongB(A_7) === 0) break lab3
        bra = cursor
        if (cursor <= limitBackward) break lab3
        cursor--
        if (cursor <= limitBackward) break lab3
        sliceDel()
      }
      cursor = limit - v10
    }

    function stem () {
      var v1 = cursor
      rPrelude()
      cursor = v1
      var v2 = cursor
      rMarkRegions()
      cursor = v2
      limitBackward = cursor
      cursor = limit
      rStandardSuffix()
      cursor = limitBackward
      var v3 = cursor
      rPostlude()
      cursor = v3
    }

    return function stemGerman (word) {
      current = word
      cursor = 0
      limit = word.length
      limitBackward = 0
      bra = 0
      ket = limit
      stem()
      return current
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
