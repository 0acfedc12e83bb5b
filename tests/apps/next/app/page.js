import Check from "./check.js";

export default function Page() {
  return <Check />;
}
