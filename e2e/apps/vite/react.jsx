// A React 19 console page (StrictMode) that embeds the widget through the package's React
// wrapper. Every change event re-renders the page with new callbacks and a new options
// object, as consoles do; the widget must neither remount nor lose what the filer typed.
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { IcpFiling, useIcpFiling } from "@icp-filing/widget/react";
import "@icp-filing/widget/icp-filing.css";

const params = new URLSearchParams(location.search);
const filing = params.has("filing") ? JSON.parse(params.get("filing")) : undefined;

function Console() {
  const [changes, setChanges] = useState(0);
  const [receipt, setReceipt] = useState("");
  const [shown, setShown] = useState(true);
  // Signed in after the widget mounted: getHeaders and the console's own colour come later.
  const [token, setToken] = useState(null);
  const [branded, setBranded] = useState(true);
  const widget = useIcpFiling();
  const options = { endpoint: "/api/filings", draftKey: "vite-console", today: "2026-11-28" };
  if (branded) options.appearance = { "color-primary": "#ff6a00" };
  if (token) options.getHeaders = () => ({ "X-CSRF-Token": token });
  return (
    <main>
      <button type="button" onClick={() => setShown((s) => !s)}>{shown ? "离开备案页" : "回到备案页"}</button>
      <button type="button" onClick={() => setToken((t) => (t ? null : "csrf-1"))}>{token ? "退出登录" : "登录"}</button>
      <button type="button" onClick={() => setBranded((b) => !b)}>切换配色</button>
      <button type="button" onClick={() => setReceipt(widget.current?.validate().ok ? "valid" : "invalid")}>检查</button>
      <output aria-label="changes">{changes}</output>
      <output aria-label="receipt">{receipt}</output>
      {shown && (
        <IcpFiling
          ref={widget}
          id="icp-filing"
          options={options}
          filing={filing}
          onChange={() => setChanges((n) => n + 1)}
          onSubmitted={({ id }) => setReceipt(id)}
        />
      )}
    </main>
  );
}

createRoot(document.getElementById("app")).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
