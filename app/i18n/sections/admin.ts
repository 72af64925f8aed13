// Messages of one feature, kept apart so that features can be built side by side.
export const sv = {};
export const en: typeof sv = {};
