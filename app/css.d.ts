// The classic Remix compiler turns an imported stylesheet into its URL.
declare module "*.css" {
  const href: string;
  export default href;
}
