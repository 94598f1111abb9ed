// esbuild loads .svg files as text (build.mjs: loader '.svg': 'text').
declare module '*.svg' {
  const svg: string;
  export default svg;
}
declare module '*.css';
