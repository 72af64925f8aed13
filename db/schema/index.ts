export * from "./organisations";
export * from "./networks";
export * from "./auth";
export * from "./meetings";
export * from "./jobs";
export * from "./updates";
export * from "./library";
