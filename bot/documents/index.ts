// Documents the bot produces, as pure renderers: data in, PDF bytes out.
export * from "./attendance-statement-pdf.js";
export * from "./certificate-pdf.js";
export * from "./list.js";
export * from "./my-data-pdf.js";
export * from "./register.js";
