import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Root } from "./root";
import { connectToTeams } from "./teams";

// Start the handshake before React renders, once per page load (StrictMode re-runs
// effects in development; the connection must not be made twice).
const connection = connectToTeams();

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
createRoot(container).render(
  <StrictMode>
    <Root connection={connection} />
  </StrictMode>,
);
