-- Drives `bpc lsp` from Neovim's own LSP client (run headless by neovim_test.py): opens a file,
-- waits for its diagnostics, goes to a definition in another file, renames across files, formats,
-- and writes what it saw as JSON to $BPC_NVIM_RESULT. Neovim 0.7's API (Debian 12's Neovim).

local bpc = os.getenv("BPC")
local root = os.getenv("BPC_NVIM_ROOT")
local result_path = os.getenv("BPC_NVIM_RESULT")
local results = { steps = {} }

local function note(step, value)
  results.steps[#results.steps + 1] = step
  results[step] = value
end

local function finish()
  local file = io.open(result_path, "w")
  file:write(vim.fn.json_encode(results))
  file:close()
  vim.cmd("qa!")
end

local ok, failure = pcall(function()
  local client_id = vim.lsp.start_client({
    name = "bpc",
    cmd = { bpc, "lsp" },
    root_dir = root,
  })
  assert(client_id, "the client did not start")
  vim.cmd("edit " .. root .. "/shop.bpl")
  local buffer = vim.api.nvim_get_current_buf()
  vim.bo[buffer].filetype = "blueprint"
  vim.lsp.buf_attach_client(buffer, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  vim.wait(10000, function() return client.initialized end, 10)
  note("initialized", client.initialized == true)

  -- Diagnostics of the file as opened (a misspelt type).
  vim.wait(10000, function() return #vim.diagnostic.get(buffer) > 0 end, 10)
  local diagnostics = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
    diagnostics[#diagnostics + 1] = { line = diagnostic.lnum, col = diagnostic.col, code = diagnostic.code,
                                      message = diagnostic.message }
  end
  note("diagnostics", diagnostics)

  -- Fix it by typing, as a user would; the diagnostics go away.
  vim.api.nvim_buf_set_text(buffer, 6, 12, 6, 21, { "Customer" })
  vim.wait(10000, function() return #vim.diagnostic.get(buffer) == 0 end, 10)
  note("diagnostics_after_fix", #vim.diagnostic.get(buffer))

  -- Go to the definition of `Customer` (line 7, column 14): it is in types.bpl.
  local params = { textDocument = { uri = vim.uri_from_bufnr(buffer) }, position = { line = 6, character = 14 } }
  local response = client.request_sync("textDocument/definition", params, 5000, buffer)
  local location = response and response.result and response.result[1]
  note("definition", location and { file = vim.fn.fnamemodify(vim.uri_to_fname(location.uri), ":t"),
                                    line = location.range.start.line, character = location.range.start.character })

  -- Hover over the field `contact`.
  local hover = client.request_sync("textDocument/hover",
    { textDocument = { uri = vim.uri_from_bufnr(buffer) }, position = { line = 7, character = 4 } }, 5000, buffer)
  note("hover", hover and hover.result and hover.result.contents.value or vim.NIL)

  -- Rename `Customer` to `Buyer` across both files, through Neovim's own rename.
  vim.api.nvim_win_set_cursor(0, { 7, 14 })
  vim.lsp.buf.rename("Buyer")
  vim.wait(10000, function()
    return vim.api.nvim_buf_get_lines(buffer, 6, 7, false)[1]:find("Buyer") ~= nil
  end, 10)
  local types = vim.fn.bufnr(root .. "/types.bpl")
  note("rename", {
    here = vim.api.nvim_buf_get_lines(buffer, 6, 7, false)[1],
    there = types ~= -1 and table.concat(vim.api.nvim_buf_get_lines(types, 0, -1, false), "\n") or "(not loaded)",
  })

  -- Format the document: the badly laid out enum line becomes canonical.
  vim.lsp.buf.formatting_sync(nil, 5000)
  note("formatted", table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), "\n"))

  vim.lsp.stop_client(client_id)
end)

if not ok then results.error = tostring(failure) end
finish()
