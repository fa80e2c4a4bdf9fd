// The <icp-filing-form> custom element: a thin wrapper that mounts the widget into itself
// (and, at the end, the one DOM helper that is smaller in JS than in Rust: copyTextOf).
// Primitive options are attributes, rich ones are properties; values set before the element
// was upgraded are honoured. Events are dispatched on the element (`icp-change`, …) with
// bubbles and composed set.
const ATTRIBUTES = ["endpoint", "locale", "province", "filing-type"];

function sameJson(a, b) {
  if (a === b) return true;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** Equal data and the same functions (JSON leaves functions out). */
function sameOptions(a, b) {
  if (!sameJson(a, b)) return false;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if ((typeof a[key] === "function" || typeof b[key] === "function") && a[key] !== b[key]) return false;
  }
  return true;
}

/**
 * A framework that renders the element before it is defined sets rich values as attributes,
 * which turns them into the text "[object Object]": say so, since the widget can't read them.
 */
function warnStringifiedAttributes(element) {
  for (const attribute of element.attributes) {
    if (attribute.value === "[object Object]") {
      console.warn(
        `icp-filing: <${element.localName}> has the attribute ${attribute.name}="[object Object]": ` +
          "it was rendered before defineElement() ran, so the value was turned into text and is " +
          `ignored. Call defineElement() before rendering, or set the ${attribute.name} property.`,
      );
    }
  }
}

export function defineElementWith(name, mount) {
  const existing = customElements.get(name);
  if (existing) return existing;

  class IcpFilingForm extends HTMLElement {
    static get observedAttributes() {
      return ATTRIBUTES;
    }

    #handle = null;
    #options = {};
    #filing = undefined;

    get options() {
      return this.#options;
    }

    set options(value) {
      const next = value && typeof value === "object" ? value : {};
      if (sameOptions(next, this.#options)) return;
      this.#options = next;
      if (this.#handle) this.#handle.update(this.#collect());
    }

    get filing() {
      return this.#handle ? this.#handle.getFiling() : this.#filing;
    }

    set filing(value) {
      // Frameworks assign the property again on every render: an equal filing is not a new
      // one, and replacing the form's filing with it would undo what the filer typed since.
      if (value !== undefined && sameJson(value, this.#filing)) return;
      this.#filing = value;
      if (this.#handle && value) this.#handle.setFiling(value);
    }

    /** The mounted widget's handle (`validate`, `submit`, `on`, …), or null. */
    get handle() {
      return this.#handle;
    }

    connectedCallback() {
      // A property assigned before the class was defined shadows the accessor: move it.
      for (const key of ["options", "filing"]) {
        if (Object.prototype.hasOwnProperty.call(this, key)) {
          const value = this[key];
          delete this[key];
          this[key] = value;
        }
      }
      warnStringifiedAttributes(this);
      if (!this.#handle) this.#handle = mount(this, this.#collect());
    }

    disconnectedCallback() {
      // A move (appending the element elsewhere, a framework reordering a list) disconnects
      // and reconnects it in the same task: the widget and what was typed go along. Only an
      // element still out of the document a microtask later is unmounted.
      queueMicrotask(() => {
        if (this.#handle && !this.isConnected) {
          this.#handle.destroy();
          this.#handle = null;
        }
      });
    }

    attributeChangedCallback() {
      if (this.#handle) this.#handle.update(this.#collect());
    }

    #collect() {
      const options = { ...this.#options };
      const endpoint = this.getAttribute("endpoint");
      const locale = this.getAttribute("locale");
      const province = this.getAttribute("province");
      const filingType = this.getAttribute("filing-type");
      if (endpoint !== null) options.endpoint = endpoint;
      if (locale !== null) options.locale = locale;
      if (province !== null || filingType !== null) {
        options.defaults = { ...(options.defaults || {}) };
        if (province !== null) options.defaults.province = province;
        if (filingType !== null) options.defaults.filingType = filingType;
      }
      if (this.#filing !== undefined) options.filing = this.#filing;
      return options;
    }

    validate() {
      return this.#handle ? this.#handle.validate() : null;
    }

    submit() {
      return this.#handle
        ? this.#handle.submit()
        : Promise.reject(
            Object.assign(new Error("icp-filing: the element is not connected: add it to the document first"), {
              name: "IcpFilingError",
              code: "destroyed",
            }),
          );
    }

    reset() {
      if (this.#handle) this.#handle.reset();
    }
  }

  customElements.define(name, IcpFilingForm);
  return IcpFilingForm;
}

// The footer code's copy button: the clipboard where the browser allows it, otherwise the
// code selected for Ctrl+C. `status` is the id of the button's status region.
export function copyTextOf(id, status, done, selected) {
  const box = document.getElementById(id);
  if (!box) return;
  const say = (text) => {
    const region = document.getElementById(status);
    if (region) region.textContent = text;
  };
  const fallback = () => {
    box.select();
    say(selected);
  };
  try {
    navigator.clipboard.writeText(box.value).then(() => say(done), fallback);
  } catch {
    fallback();
  }
}
