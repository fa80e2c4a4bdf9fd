// A React 19 console in TypeScript: the wrapper's props and ref, and the custom element in JSX.
import { useState } from "react";
import { IcpFiling, useIcpFiling, type IcpFilingHandle } from "@icp-filing/widget/react";
import type { Filing } from "@icp-filing/widget";

export function Console({ known }: { known?: Filing }) {
  const widget = useIcpFiling();
  const [errors, setErrors] = useState(0);
  const check = () => {
    const handle: IcpFilingHandle | null = widget.current;
    return handle?.validate().ok ?? false;
  };
  return (
    <>
      <IcpFiling
        ref={widget}
        options={{ endpoint: "/api/filings", locale: "zh-CN", getHeaders: async () => ({ "X-CSRF-Token": "t" }) }}
        filing={known}
        onChange={({ errorCount }) => setErrors(errorCount)}
        onSubmitted={({ id }) => console.log(id)}
        className="console-filing"
      />
      <icp-filing-form endpoint="/api/filings" locale="en" options={{ storage: "session" }} />
      <button onClick={check}>{errors}</button>
      {/* @ts-expect-error a filing is not a string */}
      <IcpFiling filing="110000" />
      {/* @ts-expect-error no such event prop */}
      <IcpFiling onChanged={() => {}} />
    </>
  );
}
