/** What an operations view says back: an error as an alert, a finished action as a status line. */
export function Feedback({ error, notice }: { error?: string | undefined; notice?: string | undefined }) {
  return (
    <>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
    </>
  );
}
