/* A strict SCORM 1.2 run-time (an LMS stub), for tests only.

   It answers the eight calls of the SCORM 1.2 API exactly as the ADL SCORM 1.2 Run-Time
   Environment (RTE 3.3 API, 3.4 data model, the error-code table) describes them, and
   refuses, with the error code the spec names, every call a lenient LMS would let pass:
   a call out of order, an element that does not exist, a read-only or write-only element
   used the wrong way, a value of the wrong type or vocabulary. It never changes a value on
   its own (no status from the score, no "incomplete" on finish): a pure spec checker.

   Plain browser script, no dependencies: it defines the global class StrictScorm12.

     const api = new StrictScorm12({ data: {"cmi.core.student_id": "s1"},
                                     refuse: [["LMSCommit"], ["LMSSetValue", "cmi.suspend_data"]] });
     api.calls       every call in order: [name, ...args, result, errorCodeAfter]
     api.errors()    the calls that left a non-zero error code
     api.values      the data model as stored, by dotted element name
     api.state       "not initialized" | "running" | "finished"
     api.commits     how many LMSCommit calls succeeded
     api.snapshot()  what a relaunch would be given, as `data` for a new StrictScorm12
*/
"use strict";

(function () {
  // -- data types (RTE 3.4.3 / Appendix: CMI data types) ---------------------------
  const LETTER = "[0-9a-z]"; // a single-character response token (choice, likert, ...)
  const isString = (max) => (v) => v.length <= max;
  const CMIString255 = isString(255);
  const CMIString4096 = isString(4096);
  const CMIDecimal = (v) => /^-?(\d+(\.\d+)?|\.\d+)$/.test(v);
  const CMISInteger = (v) => /^-?\d+$/.test(v);
  const CMIIdentifier = (v) => /^[\x21-\x7e]{1,255}$/.test(v); // no white space
  const CMITime = (v) => /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(v);
  const CMITimespan = (v) => /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/.test(v);
  const vocabulary = (...words) => (v) => words.includes(v);
  const inRange = (check, low, high) => (v) => check(v) && Number(v) >= low && Number(v) <= high;
  const blankOr = (check) => (v) => v === "" || check(v);

  const SCORE = blankOr(inRange(CMIDecimal, 0, 100)); // RTE 3.4.2.1.8: 0..100, may be blank
  const STATUS = ["passed", "completed", "failed", "incomplete", "browsed"];

  /* CMIFeedback: the format of student_response and correct_responses.n.pattern depends
     on the interaction's type (RTE 3.4.2.7.5 / 3.4.2.7.7); without a type, CMIString255. */
  const list = (token) => new RegExp(`^${token}(,${token})*$`);
  const FEEDBACK = {
    "true-false": (v) => /^[01tf]$/.test(v),
    choice: (v) => list(LETTER).test(v),
    "fill-in": CMIString255,
    matching: (v) => list(`${LETTER}\\.${LETTER}`).test(v),
    performance: CMIString255,
    sequencing: (v) => list(LETTER).test(v),
    likert: (v) => new RegExp(`^${LETTER}?$`).test(v),
    numeric: CMIDecimal,
  };
  const feedback = (braces) => (v, record) => {
    const check = FEEDBACK[record.type];
    if (!check) return CMIString255(v);
    // a correct pattern may list the choices as a set, in any order: {a,b}
    const inner = braces && record.type === "choice" ? v.replace(/^\{(.*)\}$/, "$1") : v;
    return CMIString255(v) && check(inner);
  };

  // -- the data model (RTE 3.4.4): element pattern -> access and value check --------
  // "n" stands for an index. ro: read only, rw: read and write, wo: write only.
  const MODEL = {
    "cmi._version": { access: "ro", keyword: true },
    "cmi.core.student_id": { access: "ro" },
    "cmi.core.student_name": { access: "ro" },
    "cmi.core.lesson_location": { access: "rw", check: CMIString255 },
    "cmi.core.credit": { access: "ro" },
    // a SCO may not set "not attempted" (RTE 3.4.2.1.7): only the LMS gives it
    "cmi.core.lesson_status": { access: "rw", check: vocabulary(...STATUS) },
    "cmi.core.entry": { access: "ro" },
    "cmi.core.score.raw": { access: "rw", check: SCORE },
    "cmi.core.score.max": { access: "rw", check: SCORE },
    "cmi.core.score.min": { access: "rw", check: SCORE },
    "cmi.core.total_time": { access: "ro" },
    "cmi.core.lesson_mode": { access: "ro" },
    "cmi.core.exit": { access: "wo", check: vocabulary("", "time-out", "suspend", "logout") },
    "cmi.core.session_time": { access: "wo", check: CMITimespan },
    "cmi.suspend_data": { access: "rw", check: CMIString4096 },
    "cmi.launch_data": { access: "ro" },
    "cmi.comments": { access: "rw", check: CMIString4096 },
    "cmi.comments_from_lms": { access: "ro" },
    "cmi.objectives.n.id": { access: "rw", check: CMIIdentifier },
    "cmi.objectives.n.score.raw": { access: "rw", check: SCORE },
    "cmi.objectives.n.score.max": { access: "rw", check: SCORE },
    "cmi.objectives.n.score.min": { access: "rw", check: SCORE },
    "cmi.objectives.n.status": { access: "rw", check: vocabulary(...STATUS, "not attempted") },
    "cmi.student_data.mastery_score": { access: "ro" },
    "cmi.student_data.max_time_allowed": { access: "ro" },
    "cmi.student_data.time_limit_action": { access: "ro" },
    "cmi.student_preference.audio": { access: "rw", check: inRange(CMISInteger, -1, 100) },
    "cmi.student_preference.language": { access: "rw", check: CMIString255 },
    "cmi.student_preference.speed": { access: "rw", check: inRange(CMISInteger, -100, 100) },
    "cmi.student_preference.text": { access: "rw", check: inRange(CMISInteger, -1, 1) },
    "cmi.interactions.n.id": { access: "wo", check: CMIIdentifier },
    "cmi.interactions.n.objectives.n.id": { access: "wo", check: CMIIdentifier },
    "cmi.interactions.n.time": { access: "wo", check: CMITime },
    "cmi.interactions.n.type": {
      access: "wo",
      check: vocabulary(...Object.keys(FEEDBACK)),
    },
    "cmi.interactions.n.correct_responses.n.pattern": { access: "wo", check: feedback(true) },
    "cmi.interactions.n.weighting": { access: "wo", check: CMIDecimal },
    "cmi.interactions.n.student_response": { access: "wo", check: feedback(false) },
    "cmi.interactions.n.result": {
      access: "wo",
      check: (v) => ["correct", "wrong", "unanticipated", "neutral"].includes(v) || CMIDecimal(v),
    },
    "cmi.interactions.n.latency": { access: "wo", check: CMITimespan },
  };
  // the elements that answer ._children (RTE 3.4.4), and what they answer
  const CHILDREN = {
    "cmi.core":
      "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
    "cmi.core.score": "raw,min,max",
    "cmi.objectives": "id,score,status",
    "cmi.objectives.n.score": "raw,min,max",
    "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
    "cmi.student_preference": "audio,language,speed,text",
    "cmi.interactions":
      "id,objectives,time,type,correct_responses,weighting,student_response,result,latency",
  };
  // the arrays, which answer ._count
  const ARRAYS = [
    "cmi.objectives",
    "cmi.interactions",
    "cmi.interactions.n.objectives",
    "cmi.interactions.n.correct_responses",
  ];
  // every element name that exists (a leaf, a group or an array): for 202/203 versus 201
  const KNOWN = new Set(["cmi"]);
  for (const name of [...Object.keys(MODEL), ...Object.keys(CHILDREN), ...ARRAYS]) {
    const parts = name.split(".");
    for (let i = 1; i <= parts.length; i++) KNOWN.add(parts.slice(0, i).join("."));
  }

  // -- error codes and their words (RTE 3.3.4, the SCORM 1.2 error-code table) ------
  const ERRORS = {
    0: ["No error", "No error occurred, the previous API call was successful."],
    101: ["General Exception", "No specific error code exists to describe the error."],
    201: [
      "Invalid argument error",
      "Indicates that an argument represents an invalid data model element or is otherwise incorrect.",
    ],
    202: [
      "Element cannot have children",
      'Indicates that LMSGetValue was called with a data model element name that ends in "_children" for a data model element that does not support the "_children" suffix.',
    ],
    203: [
      "Element not an array. Cannot have count",
      'Indicates that LMSGetValue was called with a data model element name that ends in "_count" for a data model element that does not support the "_count" suffix.',
    ],
    301: [
      "Not initialized",
      "Indicates that an API call was made before the call to LMSInitialize.",
    ],
    401: [
      "Not implemented error",
      "The data model element indicated in a call to LMSGetValue or LMSSetValue is valid, but was not implemented by this LMS.",
    ],
    402: [
      "Invalid set value, element is a keyword",
      'Indicates that LMSSetValue was called on a data model element that represents a keyword (elements that end in "_children" and "_count").',
    ],
    403: [
      "Element is read only",
      "LMSSetValue was called with a data model element that can only be read.",
    ],
    404: [
      "Element is write only",
      "LMSGetValue was called on a data model element that can only be written to.",
    ],
    405: [
      "Incorrect Data Type",
      "LMSSetValue was called with a value that is not consistent with the data format of the supplied data model element.",
    ],
  };

  const DEFAULTS = {
    "cmi._version": "3.4",
    "cmi.core.student_id": "s1",
    "cmi.core.student_name": "Learner, A",
    "cmi.core.lesson_location": "",
    "cmi.core.credit": "credit",
    "cmi.core.lesson_status": "not attempted",
    "cmi.core.entry": "ab-initio",
    "cmi.core.score.raw": "",
    "cmi.core.score.max": "",
    "cmi.core.score.min": "",
    "cmi.core.total_time": "0000:00:00.00",
    "cmi.core.lesson_mode": "normal",
    "cmi.suspend_data": "",
    "cmi.launch_data": "",
    "cmi.comments": "",
    "cmi.comments_from_lms": "",
    "cmi.student_data.mastery_score": "",
    "cmi.student_data.max_time_allowed": "",
    "cmi.student_data.time_limit_action": "",
    "cmi.student_preference.audio": "0",
    "cmi.student_preference.language": "",
    "cmi.student_preference.speed": "0",
    "cmi.student_preference.text": "0",
  };

  /* "cmi.interactions.3.objectives.0.id" -> pattern "cmi.interactions.n.objectives.n.id"
     and the arrays it indexes, outermost first: [["cmi.interactions", 3],
     ["cmi.interactions.3.objectives", 0]]. An index is a plain decimal (no sign, no 01). */
  function parse(element) {
    const parts = element.split(".");
    const pattern = [];
    const indexes = [];
    for (let i = 0; i < parts.length; i++) {
      if (/^\d+$/.test(parts[i])) {
        if (!/^(0|[1-9]\d*)$/.test(parts[i])) return null;
        indexes.push([parts.slice(0, i).join("."), Number(parts[i])]);
        pattern.push("n");
      } else {
        pattern.push(parts[i]);
      }
    }
    return { pattern: pattern.join("."), indexes };
  }

  const toCentiseconds = (span) => {
    const [h, m, s] = span.split(":");
    return Math.round((Number(h) * 3600 + Number(m) * 60 + Number(s)) * 100);
  };
  const toTimespan = (cs) => {
    const pad = (n, width) => String(n).padStart(width, "0");
    const h = Math.floor(cs / 360000);
    const m = Math.floor((cs % 360000) / 6000);
    const s = Math.floor((cs % 6000) / 100);
    return `${pad(h, 4)}:${pad(m, 2)}:${pad(s, 2)}.${pad(cs % 100, 2)}`;
  };

  class StrictScorm12 {
    constructor({ data = {}, refuse = [] } = {}) {
      this.values = { ...DEFAULTS };
      this.counts = {}; // array element ("cmi.interactions", "cmi.interactions.0.objectives") -> _count
      for (const [element, value] of Object.entries(data)) {
        const parsed = parse(element);
        if (!parsed || !MODEL[parsed.pattern] || MODEL[parsed.pattern].keyword) {
          throw new Error(`StrictScorm12: no SCORM 1.2 element ${element} to start with`);
        }
        this.values[element] = String(value);
        for (const [array, n] of parsed.indexes) {
          this.counts[array] = Math.max(this.counts[array] || 0, n + 1);
        }
      }
      this.refuse = refuse.map(([name, element]) => [name, element ?? null]);
      this.state = "not initialized";
      this.commits = 0;
      this.calls = [];
      this.lastError = "0";
      this.lastDiagnostic = "";
    }

    // -- the API (RTE 3.3) ----------------------------------------------------------
    LMSInitialize(arg) {
      return this._call("LMSInitialize", [arg], () => {
        if (arg !== "") return this._fail(201, "LMSInitialize takes \"\"");
        if (this.state === "running") return this._fail(101, "LMSInitialize called twice");
        if (this.state === "finished") return this._fail(101, "LMSInitialize after LMSFinish");
        if (this._refused("LMSInitialize")) return this._fail(101, "refused by this LMS");
        this.state = "running";
        return "true";
      });
    }

    LMSFinish(arg) {
      return this._call("LMSFinish", [arg], () => {
        if (arg !== "") return this._fail(201, "LMSFinish takes \"\"");
        if (this.state !== "running") return this._fail(301, `LMSFinish while ${this.state}`);
        if (this._refused("LMSFinish")) return this._fail(101, "refused by this LMS");
        this.state = "finished";
        return "true";
      });
    }

    LMSCommit(arg) {
      return this._call("LMSCommit", [arg], () => {
        if (arg !== "") return this._fail(201, "LMSCommit takes \"\"");
        if (this.state !== "running") return this._fail(301, `LMSCommit while ${this.state}`);
        if (this._refused("LMSCommit")) return this._fail(101, "refused by this LMS");
        this.commits += 1;
        return "true";
      });
    }

    LMSGetValue(element) {
      return this._call("LMSGetValue", [element], () => {
        if (this.state !== "running") return this._fail(301, `LMSGetValue while ${this.state}`, "");
        const target = this._resolve(element, "get");
        if (target.error) return this._fail(target.error, target.why, "");
        if (this._refused("LMSGetValue", element)) return this._fail(101, "refused by this LMS", "");
        return target.value;
      });
    }

    LMSSetValue(element, value) {
      return this._call("LMSSetValue", [element, value], () => {
        if (this.state !== "running") return this._fail(301, `LMSSetValue while ${this.state}`);
        const target = this._resolve(element, "set");
        if (target.error) return this._fail(target.error, target.why);
        if (typeof value !== "string") {
          return this._fail(405, `${element}: a value is a string, not ${typeof value}`);
        }
        if (!target.rule.check(value, this._record(element))) {
          return this._fail(405, `${element}: ${JSON.stringify(value)} is not of its data type`);
        }
        if (this._refused("LMSSetValue", element)) return this._fail(101, "refused by this LMS");
        for (const [array, n] of target.indexes) {
          if (n === (this.counts[array] || 0)) this.counts[array] = n + 1; // a new record
        }
        this.values[element] = value;
        return "true";
      });
    }

    LMSGetLastError() {
      return this._record_call("LMSGetLastError", [], this.lastError);
    }

    LMSGetErrorString(code) {
      const words = ERRORS[String(code)];
      return this._record_call("LMSGetErrorString", [code], words ? words[0] : "");
    }

    LMSGetDiagnostic(code) {
      let text = "";
      if (code === "" || code === undefined || String(code) === this.lastError) {
        text = this.lastDiagnostic || ERRORS[this.lastError][1];
      } else if (ERRORS[String(code)]) {
        text = ERRORS[String(code)][1];
      }
      return this._record_call("LMSGetDiagnostic", [code], text);
    }

    // -- bookkeeping for tests ------------------------------------------------------
    errors() {
      const STATEFUL = ["LMSInitialize", "LMSFinish", "LMSCommit", "LMSGetValue", "LMSSetValue"];
      return this.calls.filter((c) => STATEFUL.includes(c[0]) && c[c.length - 1] !== "0");
    }

    /* What the LMS gives the next launch of this SCO (RTE 3.4.2.1.4 entry: "resume" after
       exit "suspend", else ""; total_time is the sum of the session times). */
    snapshot() {
      const v = this.values;
      const session = v["cmi.core.session_time"];
      const total = toCentiseconds(v["cmi.core.total_time"] || "0000:00:00");
      const shot = {
        "cmi.core.student_id": v["cmi.core.student_id"],
        "cmi.core.student_name": v["cmi.core.student_name"],
        "cmi.core.credit": v["cmi.core.credit"],
        "cmi.core.lesson_mode": v["cmi.core.lesson_mode"],
        "cmi.core.lesson_status": v["cmi.core.lesson_status"],
        "cmi.core.entry": v["cmi.core.exit"] === "suspend" ? "resume" : "",
        "cmi.core.lesson_location": v["cmi.core.lesson_location"],
        "cmi.core.score.raw": v["cmi.core.score.raw"],
        "cmi.core.total_time": toTimespan(total + (session ? toCentiseconds(session) : 0)),
        "cmi.suspend_data": v["cmi.suspend_data"],
        "cmi.launch_data": v["cmi.launch_data"],
        "cmi.student_data.mastery_score": v["cmi.student_data.mastery_score"],
      };
      return shot;
    }

    // -- inside -----------------------------------------------------------------------
    /* The element a Get or Set names, checked in the spec's order: a name that exists
       (201), a keyword (_children 202, _count 203, any keyword set 402), access (403, 404),
       indexes within the arrays (201; a Set may add the record at index _count). */
    _resolve(element, how) {
      if (typeof element !== "string" || element === "") {
        return { error: 201, why: "no element named" };
      }
      const parsed = parse(element);
      if (!parsed) return { error: 201, why: `${element}: not an element name` };
      const { pattern, indexes } = parsed;
      const last = pattern.slice(pattern.lastIndexOf(".") + 1);
      const parent = pattern.slice(0, pattern.lastIndexOf("."));

      if (last === "_children" || last === "_count") {
        if (!KNOWN.has(parent)) return { error: 201, why: `${element}: no such element` };
        if (how === "set") return { error: 402, why: `${element} is a keyword` };
        const supported = last === "_children" ? parent in CHILDREN : ARRAYS.includes(parent);
        if (!supported) {
          return last === "_children"
            ? { error: 202, why: `${element}: ${parent} has no children` }
            : { error: 203, why: `${element}: ${parent} is not an array` };
        }
        const range = this._inRange(indexes, "get");
        if (range) return { error: 201, why: `${element}: ${range}` };
        const array = element.slice(0, element.lastIndexOf("."));
        const value = last === "_children" ? CHILDREN[parent] : String(this.counts[array] || 0);
        return { value };
      }

      const rule = MODEL[pattern];
      if (!rule) return { error: 201, why: `${element}: no such element in SCORM 1.2` };
      if (how === "set" && rule.keyword) return { error: 402, why: `${element} is a keyword` };
      if (how === "set" && rule.access === "ro") return { error: 403, why: `${element} is read only` };
      if (how === "get" && rule.access === "wo") return { error: 404, why: `${element} is write only` };
      const range = this._inRange(indexes, how);
      if (range) return { error: 201, why: `${element}: ${range}` };
      return { rule, indexes, value: this.values[element] ?? "" };
    }

    // why an index is out of range, or null: a Get needs n < _count, a Set n <= _count
    _inRange(indexes, how) {
      for (const [array, n] of indexes) {
        const count = this.counts[array] || 0;
        if (how === "get" ? n >= count : n > count) {
          return `index ${n} of ${array} with _count ${count}`;
        }
      }
      return null;
    }

    // the interaction an element belongs to, for the type its responses depend on
    _record(element) {
      const match = /^cmi\.interactions\.(\d+)\./.exec(element);
      return match ? { type: this.values[`cmi.interactions.${match[1]}.type`] } : {};
    }

    _refused(name, element = null) {
      return this.refuse.some(([n, e]) => n === name && (e === null || e === element));
    }

    _fail(code, why, result = "false") {
      this.lastError = String(code);
      this.lastDiagnostic = why;
      return result;
    }

    _call(name, args, body) {
      this.lastError = "0";
      this.lastDiagnostic = "";
      return this._record_call(name, args, body());
    }

    _record_call(name, args, result) {
      this.calls.push([name, ...args.map((a) => (a === undefined ? null : a)), result, this.lastError]);
      return result;
    }
  }

  globalThis.StrictScorm12 = StrictScorm12;
})();
