"use client";
// A client component: the browser way, `await init()`, in an effect (the package's exports
// are called only in the browser, never while the server renders the page).
import { useEffect, useState } from "react";
import init, { limits, standard_schema, validate } from "coc-script-exec";

export default function Check() {
  const [state, setState] = useState("loading");
  useEffect(() => {
    // The body to judge comes from the test, in the URL's fragment.
    const body = JSON.parse(decodeURIComponent(location.hash.slice(1)));
    let before = null;
    try {
      validate(body);
    } catch (err) {
      before = `${err.constructor.name}: ${err.message}`;
    }
    init().then(
      () => {
        window.__result = { before, body, report: validate(body), max_hosts: limits().max_hosts, standard: standard_schema["~standard"].validate(body).issues.length };
        setState("ready");
      },
      (err) => setState(`failed: ${err}`),
    );
  }, []);
  return <p id="state">{state}</p>;
}
