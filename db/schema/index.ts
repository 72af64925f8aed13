export * from "./organisations";
export * from "./networks";
export * from "./auth";
