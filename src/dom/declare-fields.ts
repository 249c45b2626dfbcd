const ATTR = 'data-candor-declare';
const MAX_LENGTH = 200;

/** The value a marked field declares, or undefined when it declares nothing (empty, unchecked, password). */
function fieldValue(el: Element): string | undefined {
  const field = el as HTMLInputElement;
  if (typeof field.value !== 'string' || field.type === 'password' || field.disabled) return undefined;
  if ((field.type === 'checkbox' || field.type === 'radio') && !field.checked) return undefined;
  const value = field.value.trim().slice(0, MAX_LENGTH);
  return value === '' ? undefined : value;
}

/**
 * Reports what a visitor states in form fields marked `data-candor-declare="key"` (inputs, selects, radios,
 * checkboxes; never password fields), on `change` and on the form's `submit`. Which keys are kept is the config's
 * `declare` list; this only reads the page.
 * @returns a function that stops listening
 * @example onDeclareField(document, (key, value) => candor.setAttributes({ [key]: value }));
 * // <select data-candor-declare="industry"> … </select>
 */
export function onDeclareField(root: Document | Element, callback: (key: string, value: string) => void): () => void {
  const report = (el: Element) => {
    const key = el.getAttribute(ATTR);
    const value = fieldValue(el);
    if (key && value !== undefined) callback(key, value);
  };
  const onChange = (event: Event) => {
    try {
      const target = event.target as Partial<Element> | null;
      if (target?.hasAttribute?.(ATTR)) report(target as Element);
    } catch {
      // Never break the host page's form.
    }
  };
  const onSubmit = (event: Event) => {
    try {
      const form = event.target as Partial<HTMLFormElement> | null;
      for (const el of Array.from(form?.querySelectorAll?.('[' + ATTR + ']') ?? [])) report(el);
    } catch {
      // Never break the host page's form.
    }
  };
  try {
    root.addEventListener('change', onChange, true);
    root.addEventListener('submit', onSubmit, true);
  } catch {
    // No events: nothing declared.
  }
  return () => {
    root.removeEventListener('change', onChange, true);
    root.removeEventListener('submit', onSubmit, true);
  };
}
