// tests/schema/validate.js -- the JSON Schema validator of the test suite
// (tests/cli.d/schema.sh), on Debian's own packages: node-ajv (Ajv 6) and
// node-js-yaml (js-yaml 4, YAML 1.2), so no package registry is needed.
//
//   node tests/schema/validate.js compile SCHEMA         "schema SCHEMA is valid"
//   node tests/schema/validate.js validate SCHEMA FILE... "FILE valid" / "FILE invalid"
//
// Data are checked as draft-07 says: sibling keywords of $ref apply, and
// NaN and infinities are not numbers (a YAML `.inf` is refused).  Ajv 6
// has no strict mode, so `compile` also holds the schema to the rules
// Ajv 8's strict mode applies by default, which the schema was written
// against: an unknown keyword, an ignored one (`then` without `if`), a
// format (Ajv 8 knows none without a plug-in) or a pattern that is not a
// valid Unicode regular expression makes it invalid; a keyword without
// the type it applies to, a type its context excludes, a union type or an
// open tuple is reported.  Each finding is a line "strict mode: ... at
// PATH" or "error: ... at PATH".  Exit status: 0 when all is valid.
"use strict";
const fs = require("fs");
const path = require("path");

// Debian's node-* packages live in /usr/share/nodejs, which Debian's
// nodejs searches and other builds of Node.js do not: add it for their
// own dependencies, and load these two from there by path, so that no
// other copy found on the way (a node_modules folder) stands in for them.
const DEBIAN = "/usr/share/nodejs";
process.env.NODE_PATH = [DEBIAN, process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
require("module")._initPaths();
function debian(name) {
    try {
        return require(path.join(DEBIAN, name));
    } catch (e) {
        console.log(`${name} is missing: apt-get install node-${name} (${e.message.split("\n")[0]})`);
        process.exit(2);
    }
}
const Ajv = debian("ajv");
const yaml = debian("js-yaml");

// Ajv 8's draft-07 vocabulary: every keyword it knows, and the data types
// the type-specific ones apply to.
const KNOWN = new Set(("$async $schema $id $defs $vocabulary $comment definitions id $ref " +
    "maximum minimum exclusiveMaximum exclusiveMinimum multipleOf maxLength minLength " +
    "pattern maxProperties minProperties required maxItems minItems uniqueItems type " +
    "nullable const enum not anyOf oneOf allOf if then else propertyNames " +
    "additionalProperties dependencies properties patternProperties additionalItems " +
    "items contains format title description default deprecated readOnly writeOnly " +
    "examples contentMediaType contentEncoding contentSchema").split(" "));
const ANNOTATIONS = new Set(("$async $schema $id $defs $vocabulary definitions title " +
    "description default deprecated readOnly writeOnly examples contentMediaType " +
    "contentEncoding contentSchema").split(" "));
const APPLIES_TO = {
    maximum: ["number"], minimum: ["number"], exclusiveMaximum: ["number"],
    exclusiveMinimum: ["number"], multipleOf: ["number"], format: ["number", "string"],
    maxLength: ["string"], minLength: ["string"], pattern: ["string"],
    maxProperties: ["object"], minProperties: ["object"], required: ["object"],
    propertyNames: ["object"], additionalProperties: ["object"], dependencies: ["object"],
    properties: ["object"], patternProperties: ["object"],
    maxItems: ["array"], minItems: ["array"], uniqueItems: ["array"],
    additionalItems: ["array"], items: ["array"], contains: ["array"],
};

function strictFindings(root) {
    const found = [];      // [message, fatal]
    const seenRefs = new Set();
    const note = (msg, path, fatal) => found.push([`strict mode: ${msg} at "${path}"`, fatal]);
    const error = (msg, path) => found.push([`error: ${msg} at "${path}"`, true]);
    const has = (ts, t) => ts.includes(t) || (t === "number" && ts.includes("integer"));
    const allows = (ts, t) => ts.includes(t) || (t === "integer" && ts.includes("number"));
    const resolve = (ref) => ref.slice(2).split("/").filter((p) => p !== "")
        .reduce((s, p) => s && s[p.replace(/~1/g, "/").replace(/~0/g, "~")], root);

    // context: the types the schemas around s, at the same data, allow
    function walk(s, path, context) {
        if (typeof s !== "object" || s === null)
            return;
        for (const k of Object.keys(s))
            if (!KNOWN.has(k))
                note(`unknown keyword: "${k}"`, path, true);
        if (typeof s.$ref === "string") {
            if (!seenRefs.has(s.$ref) && s.$ref.startsWith("#")) {
                seenRefs.add(s.$ref);
                walk(resolve(s.$ref), s.$ref, []);
            }
            if (!Object.keys(s).some((k) => k !== "$ref" && KNOWN.has(k) && !ANNOTATIONS.has(k)))
                return;
        }
        const own = s.type === undefined ? [] : [].concat(s.type);
        let types = context;
        if (own.length && !context.length)
            types = own;
        else if (own.length) {
            for (const t of own)
                if (!allows(context, t))
                    note(`type "${t}" not allowed by context "${context.join(",")}"`, path);
            types = [];
            for (const t of context)
                if (allows(own, t))
                    types.push(t);
                else if (t === "number" && own.includes("integer"))
                    types.push("integer");
        }
        if (own.length > 1 && !(own.length === 2 && own.includes("null")))
            note("use allowUnionTypes to allow union type keyword", path);
        for (const k of Object.keys(APPLIES_TO))
            if (s[k] !== undefined && !APPLIES_TO[k].some((t) => has(types, t)))
                note(`missing type "${APPLIES_TO[k].join(",")}" for keyword "${k}"`, path);
        if (s.format !== undefined)
            error(`unknown format "${s.format}" ignored in schema`, path);
        if (s.if !== undefined && s.then === undefined && s.else === undefined)
            note('"if" without "then" and "else" is ignored', path, true);
        for (const k of ["then", "else"])
            if (s[k] !== undefined && s.if === undefined)
                note(`"${k}" without "if" is ignored`, path, true);
        if (s.additionalItems !== undefined && !Array.isArray(s.items))
            note('"additionalItems" is ignored when "items" is not an array of schemas', path, true);
        if (Array.isArray(s.items)) {
            const n = s.items.length;
            if (!(n === s.minItems && (n === s.maxItems || s.additionalItems === false)))
                note(`"items" is ${n}-tuple, but minItems or maxItems/additionalItems are not specified or different`, path);
        }
        if (typeof s.pattern === "string") {
            try { new RegExp(s.pattern, "u"); } catch (e) { error(e.message, path); }
        }
        // the same data: the types known so far hold inside
        for (const k of ["allOf", "anyOf", "oneOf"])
            (s[k] || []).forEach((sub, i) => walk(sub, `${path}/${k}/${i}`, types));
        for (const k of ["not", "if", "then", "else"])
            walk(s[k], `${path}/${k}`, types);
        for (const [p, sub] of Object.entries(s.dependencies || {}))
            if (!Array.isArray(sub))
                walk(sub, `${path}/dependencies/${p}`, types);
        // other data: nothing is known of its type
        for (const k of ["properties", "patternProperties"])
            for (const [p, sub] of Object.entries(s[k] || {}))
                walk(sub, `${path}/${k}/${p}`, []);
        for (const k of ["additionalProperties", "additionalItems", "contains"])
            walk(s[k], `${path}/${k}`, []);
        if (Array.isArray(s.items))
            s.items.forEach((sub, i) => walk(sub, `${path}/items/${i}`, []));
        else
            walk(s.items, `${path}/items`, []);
        walk(s.propertyNames, `${path}/propertyNames`, ["string"]);
    }
    walk(root, "#", []);
    return found;
}

function readSchema(file) {
    const schema = JSON.parse(fs.readFileSync(file, "utf8"));
    const ajv = new Ajv({ extendRefs: true, strictNumbers: true });
    return { schema, validate: ajv.compile(schema), ajv };
}

const [command, schemaFile, ...files] = process.argv.slice(2);
if (!["compile", "validate"].includes(command) || !schemaFile) {
    console.error("usage: node validate.js compile SCHEMA | validate SCHEMA FILE...");
    process.exit(2);
}
let compiled;
try {
    compiled = readSchema(schemaFile);
} catch (e) {
    console.log(`schema ${schemaFile} is invalid\nerror: ${e.message}`);
    process.exit(1);
}
let ok = true;
if (command === "compile") {
    const found = strictFindings(compiled.schema);
    found.forEach(([msg]) => console.log(msg));
    ok = !found.some(([, fatal]) => fatal);
    console.log(`schema ${schemaFile} is ${ok ? "valid" : "invalid"}`);
}
for (const file of command === "validate" ? files : []) {
    let data;
    try {
        data = yaml.load(fs.readFileSync(file, "utf8"), { filename: file });
    } catch (e) {
        console.log(`${file} unreadable: ${e.message.split("\n")[0]}`);
        ok = false;
        continue;
    }
    if (compiled.validate(data)) {
        console.log(`${file} valid`);
    } else {
        console.log(`${file} invalid`);
        console.log(`  ${compiled.ajv.errorsText(compiled.validate.errors)}`);
        ok = false;
    }
}
process.exit(ok ? 0 : 1);
