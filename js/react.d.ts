// Types of the React wrapper (`@icp-filing/widget/react`), with the JSX typing of the
// `<icp-filing-form>` custom element for React 19.
import type { CSSProperties, DetailedHTMLProps, ForwardRefExoticComponent, HTMLAttributes, RefAttributes, RefObject } from "react";
import type { IcpFilingEvents, Filing, MountOptions } from "./icp-filing-types.js";
import type { IcpFilingHandle, IcpFilingFormElement } from "./index.js";

export type { IcpFilingHandle } from "./index.js";

export interface IcpFilingProps {
  /** Mount options; changed values are applied with `update()`, functions are always the latest. */
  options?: Omit<MountOptions, "filing">;
  /** Initial filing data (used when no draft is saved); later changes are ignored. */
  filing?: Filing;
  className?: string;
  style?: CSSProperties;
  id?: string;
  onReady?: (detail: IcpFilingEvents["ready"]) => void;
  onChange?: (detail: IcpFilingEvents["change"]) => void;
  onValidate?: (detail: IcpFilingEvents["validate"]) => void;
  onEstimate?: (detail: IcpFilingEvents["estimate"]) => void;
  onDraftSaved?: (detail: IcpFilingEvents["draftsaved"]) => void;
  onSubmit?: (detail: IcpFilingEvents["submit"]) => void;
  onSubmitted?: (detail: IcpFilingEvents["submitted"]) => void;
  onApproved?: (detail: IcpFilingEvents["approved"]) => void;
  /** Also called with `code: "config"` when the module or the mount fails. */
  onError?: (detail: IcpFilingEvents["error"]) => void;
  onTitleChange?: (detail: IcpFilingEvents["titlechange"]) => void;
}

/** The widget as a component; its ref is the handle once mounted (null before). */
export const IcpFiling: ForwardRefExoticComponent<IcpFilingProps & RefAttributes<IcpFilingHandle | null>>;

/** A ref for `<IcpFiling ref={…}>`: `ref.current` is the handle, or null. */
export function useIcpFiling(): RefObject<IcpFilingHandle | null>;

type IcpFilingFormAttributes = DetailedHTMLProps<HTMLAttributes<IcpFilingFormElement>, IcpFilingFormElement> & {
  endpoint?: string;
  locale?: "zh-CN" | "en";
  province?: string;
  "filing-type"?: string;
  /** React 19 sets it as a property. */
  options?: MountOptions;
  /** React 19 sets it as a property; an equal filing assigned again changes nothing. */
  filing?: Filing;
};

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "icp-filing-form": IcpFilingFormAttributes;
    }
  }
}
