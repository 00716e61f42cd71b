// The Dear ImGui OpenGL renderer compiled for OpenGL ES 2 (Raspberry Pi 3's VC4, and the fallback
// when no desktop GL 3 context can be had). Debian's libimgui.a already contains the desktop
// build of the same source, so every external name is renamed to ImGui_ImplGLES2_*.
#define IMGUI_IMPL_OPENGL_ES2
#define ImGui_ImplOpenGL3_Data ImGui_ImplGLES2_Data
#define ImGui_ImplOpenGL3_Init ImGui_ImplGLES2_Init
#define ImGui_ImplOpenGL3_Shutdown ImGui_ImplGLES2_Shutdown
#define ImGui_ImplOpenGL3_NewFrame ImGui_ImplGLES2_NewFrame
#define ImGui_ImplOpenGL3_RenderDrawData ImGui_ImplGLES2_RenderDrawData
#define ImGui_ImplOpenGL3_CreateFontsTexture ImGui_ImplGLES2_CreateFontsTexture
#define ImGui_ImplOpenGL3_DestroyFontsTexture ImGui_ImplGLES2_DestroyFontsTexture
#define ImGui_ImplOpenGL3_CreateDeviceObjects ImGui_ImplGLES2_CreateDeviceObjects
#define ImGui_ImplOpenGL3_DestroyDeviceObjects ImGui_ImplGLES2_DestroyDeviceObjects
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wunused-function"
#include "imgui_impl_opengl3.cpp"
