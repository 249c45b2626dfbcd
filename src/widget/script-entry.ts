/** Script-tag build of the widget: fetched by the loader when a visitor opens an explanation. */
export {};
