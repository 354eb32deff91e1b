// .vue single-file components are compiled by Vite; to TypeScript they are plain components.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

// Stylesheets are bundled by Vite.
declare module '*.css';
